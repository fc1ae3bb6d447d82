import "server-only";
// The streamed export of a filtered log. Rows flow from a server-side cursor (pg-query-stream) through a
// formatter to the HTTP response with backpressure, so a 100,000-event export holds one batch in memory,
// never the whole file.
import { Transform, pipeline, type Readable, type TransformCallback } from "node:stream";
import type pg from "pg";
import QueryStream from "pg-query-stream";
import { stringify } from "csv-stringify";
import { AUDIT_CSV_COLUMNS, auditCsvRecord, neutralizeSpreadsheetFormula } from "@/lib/audit/event-view";
import type { TAuditFilters } from "@/lib/audit/filters";
import { getPool } from "@/server/db/client";
import { auditExportQuery, rowToView } from "./queries";

/**
 * json: one JSON array (a file any tool opens), written element by element as rows arrive;
 * ndjson: one event per line, for piping into jq, log tools or a line-by-line reader.
 */
export const AUDIT_EXPORT_FORMATS = ["csv", "json", "ndjson"] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Record<AuditExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  ndjson: "application/x-ndjson; charset=utf-8",
};

export function exportFileName(format: AuditExportFormat, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
  return `flightdeck-audit-${stamp}.${format}`;
}

class JsonFormatter extends Transform {
  private first = true;
  constructor(private readonly array: boolean) {
    super({ writableObjectMode: true, readableObjectMode: false });
    if (array) this.push("[\n");
  }
  override _transform(row: Record<string, unknown>, _enc: BufferEncoding, done: TransformCallback) {
    const json = JSON.stringify(rowToView(row));
    if (this.array) {
      this.push(this.first ? json : `,\n${json}`);
      this.first = false;
    } else this.push(`${json}\n`);
    done();
  }
  override _flush(done: TransformCallback) {
    if (this.array) this.push(this.first ? "]\n" : "\n]\n");
    done();
  }
}

function csvStages(): Transform[] {
  const toRecord = new Transform({
    objectMode: true,
    transform(row: Record<string, unknown>, _enc, done) {
      done(null, auditCsvRecord(rowToView(row)).map(neutralizeSpreadsheetFormula));
    },
  });
  return [toRecord, stringify({ header: true, columns: [...AUDIT_CSV_COLUMNS] })];
}

export type AuditExportStream = {
  /** The file's bytes, ready for `Readable.toWeb` or piping to a file. */
  stream: Readable;
  /** Resolves with the number of events written once the stream ends (rejects on error or abort). */
  done: Promise<number>;
};

/** Streams every event matching the filters; the database connection is held only while it flows. */
export async function streamAuditExport(
  filters: TAuditFilters,
  format: AuditExportFormat,
  options: { order?: "asc" | "desc"; pool?: pg.Pool; batchSize?: number } = {},
): Promise<AuditExportStream> {
  const pool = options.pool ?? getPool();
  const client = await pool.connect();
  const { text, values } = auditExportQuery(filters, options.order ?? "desc");
  const rows = client.query(new QueryStream(text, values, { batchSize: options.batchSize ?? 500 }));
  let count = 0;
  const counter = new Transform({
    objectMode: true,
    transform(row, _enc, done) {
      count += 1;
      done(null, row);
    },
  });
  const stages: Transform[] = format === "csv" ? csvStages() : [new JsonFormatter(format === "json")];
  const output = stages[stages.length - 1];
  let released = false;
  const release = (error?: Error | null) => {
    if (released) return;
    released = true;
    // A cursor abandoned mid-way leaves the connection mid-protocol: throw that connection away.
    client.release(error ? true : undefined);
  };
  const done = new Promise<number>((resolve, reject) => {
    pipeline([rows, counter, ...stages], (error) => {
      release(error);
      if (error) reject(error);
      else resolve(count);
    });
  });
  // Unhandled rejections from an aborted download must not crash the server; callers may still await.
  done.catch(() => {});
  return { stream: output, done };
}
