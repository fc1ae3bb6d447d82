// The one-line verdict of a chain verification, shared by the CLI, the REST answer and the auditor view.
import type { ChainBreak } from "./chain";

export type ChainVerdict = { intact: true; count: number } | { intact: false; count: number; firstBreak: ChainBreak };

const REASONS: Record<ChainBreak["reason"], string> = {
  edited: "an event was changed after it was written",
  deleted_or_inserted: "an event was deleted or inserted",
  prev_hash_mismatch: "an event does not follow the one before it (removed, inserted or reordered)",
};

/** "N events, chain intact" or "chain broken at seq N (reason) after M events" (M verified before it). */
export function formatVerdict(result: ChainVerdict): string {
  if (result.intact) return `${result.count} events, chain intact`;
  const { seq, reason } = result.firstBreak;
  return `chain broken at seq ${seq} (${reason}) after ${Math.max(0, seq - 1)} events`;
}

export function explainBreak(reason: ChainBreak["reason"]): string {
  return REASONS[reason];
}
