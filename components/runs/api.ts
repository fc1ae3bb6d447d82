"use client";
// Every UI action is an API action: buttons call the REST API, and a refusal comes back with the
// server's code and message (and, after a lost race, the current entity in `details`).

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string[]>,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export async function apiCall<T>(url: string, options: { method?: string; body?: unknown; idempotencyKey?: string } = {}): Promise<T> {
  const response = await fetch(url, {
    method: options.method ?? "POST",
    headers: { "content-type": "application/json", ...(options.idempotencyKey ? { "idempotency-key": options.idempotencyKey } : {}) },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    credentials: "same-origin",
  });
  const json = await response.json().catch(() => null);
  if (!response.ok) {
    const error = json?.error ?? {};
    throw new ApiError(response.status, error.code ?? "internal", error.message ?? `The server answered ${response.status}.`, error.fields, error.details);
  }
  return json?.data as T;
}

export const newKey = () => (typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`);
