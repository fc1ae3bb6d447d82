import type { PlanProblem } from "./schema";

export const DEFAULT_MAX_BYTES = 1024 * 1024;

function humanBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) ? 1 : 0)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(n % 1024 ? 1 : 0)} KiB`;
  return `${n} bytes`;
}

/** Offset of the first byte that breaks UTF-8, or -1; TextDecoder only says "invalid", not where. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // Overlong 3/4-byte forms, UTF-16 surrogates and code points past U+10FFFF.
    const c1 = bytes[i + 1];
    if ((b === 0xe0 && c1 < 0xa0) || (b === 0xed && c1 > 0x9f) || (b === 0xf0 && c1 < 0x90) || (b === 0xf4 && c1 > 0x8f)) return i;
    i += need + 1;
  }
  return -1;
}

function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * Turns raw input into text, or says why it is not a plan: too large, not UTF-8, binary (NUL bytes),
 * or empty. The size check comes first so a huge upload is never decoded.
 */
export function decodeSource(
  source: string | Uint8Array,
  maxBytes: number,
): { ok: true; text: string } | { ok: false; problems: PlanProblem[] } {
  const bytes = typeof source === "string" ? new TextEncoder().encode(source) : source;
  if (bytes.length > maxBytes) {
    return {
      ok: false,
      problems: [{ line: null, message: `the file is ${humanBytes(bytes.length)}, over the ${humanBytes(maxBytes)} limit for a plan` }],
    };
  }
  const problems: PlanProblem[] = [];
  if (typeof source !== "string") {
    const bad = firstInvalidUtf8(bytes);
    if (bad >= 0) {
      problems.push({
        line: lineAtByte(bytes, bad),
        message: `the file is not valid UTF-8 text (byte 0x${bytes[bad].toString(16).padStart(2, "0")} at offset ${bad}); save it as UTF-8`,
      });
    }
  }
  const text = new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "");
  const nul = text.indexOf("\u0000");
  if (nul >= 0) {
    const line = text.slice(0, nul).split("\n").length;
    problems.push({ line, message: "the file contains NUL bytes; it looks like a binary file, not a Markdown plan" });
  }
  if (problems.length) return { ok: false, problems };
  if (text.trim() === "") return { ok: false, problems: [{ line: null, message: "the file is empty; a plan needs at least a title, a Deployment Team and a Timeline" }] };
  return { ok: true, text };
}
