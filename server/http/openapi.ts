import "server-only";
// The OpenAPI 3.1 document of /api/v1, built from what the server really runs: every registered action
// (its zod input becomes the request schema, its permission is named) plus each area's declared read
// routes. Nothing here is written by hand per endpoint, so the document cannot drift from the code.
import { z } from "zod";
import type { Permission } from "@/lib/auth/permissions";
import type { ActionDefinition, RestBinding } from "@/server/actions/pipeline";

/** A GET endpoint outside the action pipeline (a read), declared by its area next to its actions. */
export type ReadRouteSpec = {
  /** OpenAPI path, params in braces: "/api/v1/runs/{runId}". */
  path: string;
  summary: string;
  description?: string;
  /** The permission the route checks; "signed-in" for any authenticated actor; null for a public route. */
  permission: Permission | "signed-in" | null;
  /** Query parameters, as a zod object (its shape's fields become parameters). */
  query?: z.ZodType;
  /** Path parameters' descriptions, by name. */
  pathParams?: Record<string, string>;
  /** Schema of `data` in a 200 answer, if worth documenting. */
  response?: z.ZodType;
  /** Content types other than JSON this route can answer with (e.g. text/csv). */
  produces?: string[];
  tag?: string;
};

/** What the document needs of an action (structural, so any ActionDefinition fits). */
type AnyAction = Pick<ActionDefinition<z.ZodType, unknown>, "name" | "permission" | "input" | "summary" | "rest">;
type JsonSchema = Record<string, unknown>;

const ERROR_STATUSES = {
  "400": ["BadRequest", "The input is not valid: malformed JSON (code invalid) or fields that fail validation (code invalid, with fields)."],
  "401": ["Unauthorized", "No valid session or bearer token (code unauthenticated)."],
  "403": ["Forbidden", "The actor's role or ownership does not allow this (code forbidden). A denied audit event is written."],
  "404": ["NotFound", "The target does not exist (code not_found)."],
  "409": ["Conflict", "The target changed meanwhile or is not in a state that allows this (code conflict); `details` may hold the current state."],
  "413": ["TooLarge", "The request body is larger than the limit (code too_large)."],
  "429": ["RateLimited", "Too many attempts (code rate_limited)."],
} as const;

/** zod → JSON Schema for a request's input side; never throws, so one odd schema can't break the document. */
export function inputJsonSchema(schema: z.ZodType): JsonSchema {
  try {
    const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
    delete json.$schema;
    return json;
  } catch (error) {
    return { description: `Schema not representable in JSON Schema: ${(error as Error).message}` };
  }
}

function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
}

function tagOf(name: string): string {
  return name.split(".")[0] ?? "other";
}

function errorResponses(statuses: Array<keyof typeof ERROR_STATUSES>) {
  return Object.fromEntries(statuses.map((status) => [status, { $ref: `#/components/responses/${ERROR_STATUSES[status][0]}` }]));
}

function dataResponse(description: string, schema: JsonSchema = {}) {
  return {
    description,
    content: { "application/json": { schema: { type: "object", required: ["data"], properties: { data: schema } } } },
  };
}

/** Turns an object schema's properties into OpenAPI parameters (query or path). */
function parametersFrom(schema: JsonSchema, location: "query" | "path", only?: string[], descriptions: Record<string, string> = {}) {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const names = only ?? Object.keys(properties);
  return names.map((name) => {
    const property = properties[name] ?? { type: "string" };
    const { description, ...rest } = property;
    return {
      name,
      in: location,
      required: location === "path" ? true : required.has(name),
      description: descriptions[name] ?? (description as string | undefined),
      schema: rest,
    };
  });
}

function withoutProperties(schema: JsonSchema, names: string[]): JsonSchema {
  if (!names.length || !schema.properties) return schema;
  const properties = { ...(schema.properties as Record<string, unknown>) };
  for (const name of names) delete properties[name];
  const required = ((schema.required as string[] | undefined) ?? []).filter((r) => !names.includes(r));
  return { ...schema, properties, ...(required.length ? { required } : { required: undefined }) };
}

const SECURITY = [{ bearerToken: [] }, { sessionCookie: [] }];

function actionOperation(action: AnyAction, rest: RestBinding) {
  const input = inputJsonSchema(action.input);
  const params = pathParamNames(rest.path);
  const isRead = rest.method === "GET" || rest.method === "DELETE";
  const status = String(rest.successStatus ?? 200);
  const parameters = [
    ...parametersFrom(input, "path", params),
    ...(isRead ? parametersFrom(withoutProperties(input, params), "query") : []),
    ...(isRead
      ? []
      : [{ name: "Idempotency-Key", in: "header", required: false, description: "A client-chosen key: a retried request with the same key is applied once and gets the first answer.", schema: { type: "string", maxLength: 200 } }]),
  ];
  return {
    operationId: action.name.replace(/[^A-Za-z0-9]+/g, "_"),
    summary: action.summary ?? action.name,
    description: `Action \`${action.name}\`. Needs permission \`${action.permission}\`. Every success and every refusal by permission is written to the audit log.`,
    tags: [tagOf(action.name)],
    "x-action": action.name,
    "x-permission": action.permission,
    security: SECURITY,
    parameters,
    ...(isRead ? {} : { requestBody: { required: false, content: { "application/json": { schema: withoutProperties(input, params) } } } }),
    responses: {
      [status]: dataResponse("The action was applied (and audited); `data` is its result."),
      ...errorResponses(isRead ? ["400", "401", "403", "404"] : ["400", "401", "403", "404", "409", "413", "429"]),
    },
  };
}

function readOperation(route: ReadRouteSpec) {
  const params = pathParamNames(route.path);
  const query = route.query ? inputJsonSchema(route.query) : { properties: {} };
  const produces = route.produces ?? [];
  const okContent: Record<string, unknown> = dataResponse("The data.", route.response ? (z.toJSONSchema(route.response, { io: "output", unrepresentable: "any" }) as JsonSchema) : {}).content;
  for (const type of produces) okContent[type] = { schema: { type: "string" } };
  return {
    operationId: `get_${route.path.replace(/^\/api\/v1\//, "").replace(/[{}]/g, "").replace(/[^A-Za-z0-9]+/g, "_")}`,
    summary: route.summary,
    description: [
      route.description,
      route.permission === "signed-in" ? "Needs a signed-in actor (any role)." : route.permission ? `Needs permission \`${route.permission}\`.` : "Public: no authentication.",
    ]
      .filter(Boolean)
      .join(" "),
    tags: [route.tag ?? route.path.split("/")[3] ?? "other"],
    ...(route.permission === "signed-in" ? { security: SECURITY } : route.permission ? { "x-permission": route.permission, security: SECURITY } : { security: [] }),
    parameters: [
      ...params.map((name) => ({ name, in: "path", required: true, description: route.pathParams?.[name], schema: { type: "string" } })),
      ...parametersFrom(query, "query"),
    ],
    responses: {
      "200": { description: "OK", content: okContent },
      ...errorResponses(route.permission === "signed-in" ? ["400", "401", "404"] : route.permission ? ["400", "401", "403", "404"] : ["400"]),
    },
  };
}

export type OpenApiSources = { actions: Record<string, AnyAction>; readRoutes: ReadRouteSpec[] };

/** Actions without a declared REST binding; the document test fails on any, naming them. */
export function unroutedActions(actions: Record<string, AnyAction>): string[] {
  return Object.values(actions)
    .filter((a) => !a.rest)
    .map((a) => a.name);
}

export function buildOpenApiDocument({ actions, readRoutes }: OpenApiSources) {
  const paths: Record<string, Record<string, unknown>> = {};
  const add = (path: string, method: string, operation: unknown) => {
    paths[path] ??= {};
    if (paths[path][method]) throw new Error(`two endpoints declare ${method.toUpperCase()} ${path}`);
    paths[path][method] = operation;
  };
  for (const action of Object.values(actions)) {
    if (action.rest) add(action.rest.path, action.rest.method.toLowerCase(), actionOperation(action, action.rest));
  }
  for (const route of readRoutes) add(route.path, "get", readOperation(route));
  add("/api/v1/openapi.json", "get", {
    operationId: "get_openapi",
    summary: "This document (OpenAPI 3.1).",
    tags: ["meta"],
    security: [],
    responses: { "200": { description: "The OpenAPI document.", content: { "application/json": { schema: { type: "object" } } } } },
  });

  const sortedPaths = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)));
  const tags = [...new Set(Object.values(sortedPaths).flatMap((ops) => Object.values(ops).flatMap((op) => (op as { tags?: string[] }).tags ?? [])))].sort();

  return {
    openapi: "3.1.0",
    info: {
      title: "Flightdeck API",
      version: "1",
      description:
        "The deployment control room's REST API. Every change goes through the same action pipeline as the UI: authenticate → validate → authorize → one transaction with its audit event → realtime publish after commit. " +
        "Authenticate with a personal API token (`Authorization: Bearer fd_…`, created under Settings → API tokens) or a browser session. " +
        "Every error has one shape: `{ \"error\": { \"code\", \"message\", \"fields\"? } }`.",
    },
    servers: [{ url: "/" }],
    tags: tags.map((name) => ({ name })),
    security: SECURITY,
    paths: sortedPaths,
    components: {
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "A personal API token (fd_…). It acts with its owner's current role." },
        sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "The browser session of a signed-in user." },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string", enum: ["invalid", "unauthenticated", "forbidden", "not_found", "conflict", "too_large", "rate_limited", "internal"] },
                message: { type: "string", description: "For people: what went wrong and what to do." },
                fields: {
                  type: "object",
                  description: 'Field-level validation messages keyed by dotted path ("_" for the whole input).',
                  additionalProperties: { type: "array", items: { type: "string" } },
                },
                details: { description: "Extra data, e.g. the current state after losing a race (409)." },
              },
            },
          },
          example: { error: { code: "invalid", message: "Some fields are not valid.", fields: { note: ["At most 500 characters."] } } },
        },
      },
      responses: Object.fromEntries(
        Object.values(ERROR_STATUSES).map(([name, description]) => [name, { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }]),
      ),
    },
  };
}
