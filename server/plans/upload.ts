import "server-only";
// Reads a plan upload from an HTTP request in any of the forms the API accepts, always with a size cap
// enforced while reading (a huge body is refused with 413 before it is buffered whole).
import { parsePlan } from "@/lib/plan";
import { ActionError } from "@/server/actions/errors";
import { MAX_PLAN_BYTES, planProblemsError, type TImportPlan } from "@/server/actions/plans/import-plan";
import { readBytesCapped, readJsonBody } from "@/server/http/api-route";

/** JSON escapes ("\n", "\"", "\uXXXX") can make the body several times the plan's size. */
const MAX_JSON_BYTES = 6 * MAX_PLAN_BYTES;
/** Multipart adds boundaries and part headers around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

const tooLarge = () => new ActionError("too_large", "The plan is larger than 1 MiB.");

/** UTF-8 text of an uploaded file; a file that is not UTF-8 is refused with the parser's located problem. */
function decodeFile(bytes: Uint8Array, fileName: string | null): string {
  if (bytes.byteLength > MAX_PLAN_BYTES) throw tooLarge();
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    const result = parsePlan(bytes);
    throw planProblemsError(result.ok ? [{ line: null, message: "the file is not valid UTF-8 text" }] : result.problems, fileName);
  }
}

function optional(value: FormDataEntryValue | string | null | undefined): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/**
 * Accepts `application/json` ({ markdown, timezone?, fileName? }), `text/markdown` or `text/plain` (the
 * file as the body; ?timezone=&fileName= in the query), or `multipart/form-data` (a `file` part, or a
 * `markdown` field, plus optional `timezone` and `fileName`).
 */
export async function readPlanUpload(request: Request): Promise<Partial<TImportPlan> & Record<string, unknown>> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  const query = new URL(request.url).searchParams;

  if (type === "multipart/form-data") {
    const bytes = await readBytesCapped(request, MAX_PLAN_BYTES + MULTIPART_OVERHEAD, tooLarge);
    let form: FormData;
    try {
      form = await new Response(Buffer.from(bytes), { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
    } catch {
      throw new ActionError("invalid", "The upload is not valid multipart/form-data.");
    }
    const file = form.get("file");
    const fileName = optional(form.get("fileName")) ?? (file instanceof File ? file.name : undefined);
    const markdown = file instanceof File ? decodeFile(new Uint8Array(await file.arrayBuffer()), fileName ?? null) : optional(form.get("markdown"));
    return { markdown: markdown ?? "", timezone: optional(form.get("timezone")), fileName };
  }

  if (type === "text/markdown" || type === "text/plain" || type === "text/x-markdown") {
    const fileName = optional(query.get("fileName"));
    const markdown = decodeFile(await readBytesCapped(request, MAX_PLAN_BYTES, tooLarge), fileName ?? null);
    return { markdown, timezone: optional(query.get("timezone")), fileName };
  }

  if (type === "application/json" || type === "") {
    const body = await readJsonBody(request, MAX_JSON_BYTES).catch((error) => {
      throw error instanceof ActionError && error.code === "too_large" ? tooLarge() : error;
    });
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw new ActionError("invalid", "Send a JSON object: { markdown, timezone?, fileName? }.");
    const input = body as Record<string, unknown>;
    if (typeof input.markdown === "string" && Buffer.byteLength(input.markdown, "utf8") > MAX_PLAN_BYTES) throw tooLarge();
    return input;
  }

  throw new ActionError("invalid", `Unsupported content type "${type}": send application/json, text/markdown or multipart/form-data.`);
}
