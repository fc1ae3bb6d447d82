import { describe, expect, it } from "vitest";
import { allActions, allReadRoutes } from "@/server/actions/registry";
import { buildOpenApiDocument, unroutedActions } from "@/server/http/openapi";
import { GET } from "@/app/api/v1/openapi.json/route";

type Operation = {
  operationId: string;
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  responses: Record<string, { $ref?: string }>;
  requestBody?: { content: Record<string, { schema: unknown }> };
  security?: unknown[];
  "x-action"?: string;
  "x-permission"?: string;
};
type Doc = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { responses: Record<string, unknown>; schemas: Record<string, unknown>; securitySchemes: Record<string, { type: string; scheme?: string }> };
};

const doc = JSON.parse(JSON.stringify(buildOpenApiDocument({ actions: allActions, readRoutes: allReadRoutes }))) as Doc;

function resolve(ref: string): unknown {
  return ref
    .replace(/^#\//, "")
    .split("/")
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
}

describe("OpenAPI document", () => {
  it("is served publicly as JSON at /api/v1/openapi.json", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    const served = (await response.json()) as Doc;
    expect(served.openapi).toBe("3.1.0");
    expect(Object.keys(served.paths)).toEqual(Object.keys(doc.paths));
  });

  it("every registered action declares its REST binding", () => {
    // An action without `rest: { method, path }` is invisible to API clients: declare it next to the action.
    expect(unroutedActions(allActions)).toEqual([]);
  });

  it("has a path and method for every registered action, naming its permission", () => {
    expect(Object.keys(allActions).length).toBeGreaterThan(0);
    for (const [key, action] of Object.entries(allActions)) {
      expect(action.name, `registry key ${key}`).toBe(key);
      if (!action.rest) continue;
      const operation = doc.paths[action.rest.path]?.[action.rest.method.toLowerCase()];
      expect(operation, `${action.name} → ${action.rest.method} ${action.rest.path}`).toBeDefined();
      expect(operation["x-action"]).toBe(action.name);
      expect(operation["x-permission"]).toBe(action.permission);
      expect(operation.security?.length).toBeGreaterThan(0);
      if (!["GET", "DELETE"].includes(action.rest.method)) {
        expect(operation.requestBody?.content["application/json"].schema).toBeTypeOf("object");
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(["400", "401", "403", "404", "409", "413"]));
      }
    }
  });

  it("lists every declared read route", () => {
    for (const route of allReadRoutes) expect(doc.paths[route.path]?.get, route.path).toBeDefined();
    expect(doc.paths["/api/v1/audit"].get["x-permission"]).toBe("audit.read");
    const names = doc.paths["/api/v1/audit"].get.parameters?.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(["actor", "action", "outcome", "targetType", "targetId", "runId", "from", "to", "cursor", "before", "after", "limit"]));
    expect(doc.paths["/api/v1/openapi.json"].get.security).toEqual([]);
  });

  it("documents the export as a GET with its filters as query parameters", () => {
    const op = doc.paths["/api/v1/audit/export"].get;
    expect(op["x-permission"]).toBe("audit.export");
    expect(op.requestBody).toBeUndefined();
    expect(op.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(["format", "actor", "action", "from", "to"]));
  });

  it("declares each path parameter, unique operation ids, and only references that resolve", () => {
    const ids = new Set<string>();
    for (const [path, operations] of Object.entries(doc.paths)) {
      expect(path.startsWith("/api/v1/")).toBe(true);
      for (const [method, op] of Object.entries(operations)) {
        expect(["get", "post", "put", "patch", "delete"]).toContain(method);
        expect(ids.has(op.operationId), op.operationId).toBe(false);
        ids.add(op.operationId);
        for (const name of [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1])) {
          expect(op.parameters?.some((p) => p.in === "path" && p.name === name && p.required), `${method} ${path} param ${name}`).toBe(true);
        }
      }
    }
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(resolve(ref.slice(8, -1)), ref).toBeDefined();
  });

  it("documents the one error shape, its status codes and bearer-token security", () => {
    const error = doc.components.schemas.Error as { properties: { error: { required: string[]; properties: Record<string, unknown> } } };
    expect(error.properties.error.required).toEqual(["code", "message"]);
    expect(Object.keys(error.properties.error.properties)).toEqual(expect.arrayContaining(["code", "message", "fields"]));
    expect(Object.keys(doc.components.responses)).toEqual(expect.arrayContaining(["BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict", "TooLarge"]));
    expect(doc.components.securitySchemes.bearerToken).toMatchObject({ type: "http", scheme: "bearer" });
  });
});
