import "server-only";
// A step's output on its way out: decoded per stream (a multi-byte character can be cut by a chunk),
// redacted per line (a secret can be cut too), numbered, timestamped, kept as a capped tail for the
// database, and handed in batches to the realtime layer.
import { StringDecoder } from "node:string_decoder";
import { LineRedactor, redactText } from "@/lib/actions/redact";
import { formatOutputLine, type TOutputLine, type TOutputStream } from "@/lib/actions/output";

/** Stored output keeps the last 256 KiB by default (FLIGHTDECK_STEP_OUTPUT_CAP_BYTES). */
export const OUTPUT_CAP_BYTES = Number(process.env.FLIGHTDECK_STEP_OUTPUT_CAP_BYTES ?? 256 * 1024);
const MAX_LINE_CHARS = 16 * 1024;

export class OutputRecorder {
  private readonly stored: string[] = [];
  private storedBytes = 0;
  private seq = 0;
  private readonly decoders = { stdout: new StringDecoder("utf8"), stderr: new StringDecoder("utf8") };
  private readonly redactors: { stdout: LineRedactor; stderr: LineRedactor };
  truncated = false;
  /** Set when lines were added since the last `takeDirty()`: the heartbeat then writes the tail. */
  private dirty = false;

  constructor(
    private readonly needles: string[],
    private readonly emit: (lines: TOutputLine[]) => void,
    private readonly cap = OUTPUT_CAP_BYTES,
  ) {
    this.redactors = { stdout: new LineRedactor(needles, MAX_LINE_CHARS), stderr: new LineRedactor(needles, MAX_LINE_CHARS) };
  }

  write(stream: "stdout" | "stderr", chunk: Buffer) {
    const text = this.decoders[stream].write(chunk);
    if (text) this.add(stream, this.redactors[stream].push(text).map((l) => l.text));
  }

  /** A line written by the runner itself ("$ node …", "exit 1"). Redacted like the rest. */
  system(text: string) {
    this.add("system", text.split("\n").map((line) => redactText(line, this.needles)));
  }

  /** Shows a long-pending partial line (a progress bar without newline); `final` at the end of a process. */
  flushPartial(final: boolean) {
    for (const stream of ["stdout", "stderr"] as const) {
      if (final) {
        const rest = this.decoders[stream].end();
        if (rest) this.add(stream, this.redactors[stream].push(rest).map((l) => l.text));
      }
      const partial = this.redactors[stream].drain(final);
      if (partial && partial.text) this.add(stream, [partial.text]);
    }
    if (final) {
      // A fresh decoder and redactor for the next process of a multi-step command.
      this.decoders.stdout = new StringDecoder("utf8");
      this.decoders.stderr = new StringDecoder("utf8");
    }
  }

  private add(stream: TOutputStream, texts: string[]) {
    if (texts.length === 0) return;
    const at = new Date().toISOString();
    const lines = texts.map((text) => ({ seq: this.seq++, stream, at, text: text.length > MAX_LINE_CHARS ? text.slice(0, MAX_LINE_CHARS) + " …" : text }));
    for (const line of lines) {
      const formatted = formatOutputLine(line);
      this.stored.push(formatted);
      this.storedBytes += Buffer.byteLength(formatted) + 1;
    }
    while (this.storedBytes > this.cap && this.stored.length > 1) {
      this.storedBytes -= Buffer.byteLength(this.stored.shift()!) + 1;
      this.truncated = true;
    }
    this.dirty = true;
    this.emit(lines);
  }

  text(): string {
    return this.stored.join("\n");
  }

  takeDirty(): boolean {
    const was = this.dirty;
    this.dirty = false;
    return was;
  }

  /** The last lines, for a task's failure reason. */
  tail(lines = 8): string[] {
    return this.stored.slice(-lines).map((l) => l.replace(/^\d+ \S+ ([oes]) ?/, (_m, s: string) => (s === "e" ? "! " : "")));
  }
}

/** Collects lines and sends them at most every `intervalMs`, so a chatty process does not flood sockets. */
export class BatchedEmitter {
  private pending: TOutputLine[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly send: (lines: TOutputLine[]) => void,
    private readonly intervalMs = 100,
  ) {}

  push = (lines: TOutputLine[]) => {
    this.pending.push(...lines);
    if (!this.timer) this.timer = setTimeout(() => this.flush(), this.intervalMs);
  };

  flush() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const lines = this.pending;
    this.pending = [];
    this.send(lines);
  }
}
