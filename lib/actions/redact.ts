// Secret redaction for streamed output. A process writes in chunks that can cut a secret in two
// ("…tok" + "en123…"), so redaction works on whole lines, and a long line without a newline is only
// released up to the point where no secret could still be completing.

export const REDACTED = "[redacted]";

/** The pieces to hide: each secret, and each line of a multi-line secret (output is split into lines). */
export function secretNeedles(secrets: Iterable<string>): string[] {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    for (const part of secret.split(/\r?\n/)) if (part.length > 0) needles.add(part);
  }
  // Longest first, so a secret that contains another is hidden whole.
  return [...needles].sort((a, b) => b.length - a.length);
}

export function redactText(text: string, needles: string[]): string {
  let out = text;
  for (const needle of needles) if (out.includes(needle)) out = out.split(needle).join(REDACTED);
  return out;
}

export type RedactedLine = { text: string; partial: boolean };

/**
 * Accumulates one stream's text and gives back redacted lines. `push` returns the complete lines;
 * `drain` returns what is safe to show of an unfinished line (everything but the last
 * longest-secret-minus-one characters, which could be the start of a secret), or all of it at the end.
 */
export class LineRedactor {
  private buffer = "";
  private readonly holdBack: number;

  constructor(
    private readonly needles: string[],
    private readonly maxLine = 16 * 1024,
  ) {
    this.holdBack = Math.max(0, ...needles.map((n) => n.length - 1));
  }

  push(chunk: string): RedactedLine[] {
    this.buffer += chunk;
    const lines: RedactedLine[] = [];
    let newline = this.buffer.indexOf("\n");
    while (newline >= 0) {
      const line = this.buffer.slice(0, newline).replace(/\r$/, "");
      lines.push({ text: redactText(line, this.needles), partial: false });
      this.buffer = this.buffer.slice(newline + 1);
      newline = this.buffer.indexOf("\n");
    }
    if (this.buffer.length > this.maxLine) {
      const drained = this.drain(false);
      if (drained) lines.push(drained);
    }
    return lines;
  }

  /** Releases the unfinished line: all of it when `final`, else all but a possible secret's start. */
  drain(final: boolean): RedactedLine | null {
    if (this.buffer.length === 0) return null;
    if (final) {
      const text = redactText(this.buffer.replace(/\r$/, ""), this.needles);
      this.buffer = "";
      return { text, partial: false };
    }
    // Find a cut where no secret straddles: redact what is certainly complete, keep the tail raw.
    let cut = this.buffer.length - this.holdBack;
    if (cut <= 0) return null;
    // Moving the cut back can make it straddle another secret: repeat until it is clean.
    for (let moved = true; moved && cut > 0; ) {
      moved = false;
      for (const needle of this.needles) {
        for (let at = this.buffer.indexOf(needle); at >= 0 && at < cut; at = this.buffer.indexOf(needle, at + 1)) {
          if (at + needle.length > cut) {
            cut = at;
            moved = true;
          }
        }
      }
    }
    if (cut <= 0) return null;
    const head = this.buffer.slice(0, cut);
    this.buffer = this.buffer.slice(cut);
    return { text: redactText(head, this.needles), partial: true };
  }
}
