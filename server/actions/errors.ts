import "server-only";

export type ActionErrorCode = "unauthenticated" | "invalid" | "forbidden" | "not_found" | "conflict" | "too_large" | "rate_limited";

const STATUS: Record<ActionErrorCode, number> = {
  unauthenticated: 401,
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
};

/** A refusal the caller should see as is: stable code, human message, optional field errors. */
export class ActionError extends Error {
  readonly status: number;
  constructor(
    readonly code: ActionErrorCode,
    message: string,
    readonly fields?: Record<string, string[]>,
    /** Extra data for the caller, e.g. the current state after losing a race. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ActionError";
    this.status = STATUS[code];
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}), ...(this.details !== undefined ? { details: this.details } : {}) } };
  }
}

export function isActionError(error: unknown): error is ActionError {
  return error instanceof Error && error.name === "ActionError" && "code" in error;
}
