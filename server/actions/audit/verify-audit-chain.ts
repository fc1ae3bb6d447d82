import "server-only";
import { defineAction } from "@/server/actions/pipeline";
import { verifyAuditChain } from "@/server/audit/verify";
import { ZVerifyAuditChain } from "./schemas";

export const verifyAuditChainAction = defineAction({
  name: "audit.verify",
  permission: "audit.verify",
  summary: "Recompute the run log's hash chain and report the first break, if any. The check itself is logged with its result.",
  input: ZVerifyAuditChain,
  rest: { method: "POST", path: "/api/v1/audit/verify" },
  handler: async ({ input, audit }) => {
    // The verifier reads its own snapshot on another connection; this event lands after everything it
    // checked, so the next verification covers it.
    const result = await verifyAuditChain();
    await audit({ action: "audit.verify", target: { type: "audit_log", id: "chain", label: "Run log hash chain" }, after: result, reason: input.note || null });
    return result;
  },
});
