import { verifyAuditChainAction } from "@/server/actions/audit/verify-audit-chain";
import { actionRoute } from "@/server/http/api-route";

export const POST = actionRoute(verifyAuditChainAction);
