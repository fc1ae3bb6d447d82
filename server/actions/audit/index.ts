// Action definitions of this area, listed for the registry (REST, OpenAPI, permission matrix).
import { exportAuditLogAction } from "./export-audit-log";
import { verifyAuditChainAction } from "./verify-audit-chain";

export const auditActions = {
  "audit.verify": verifyAuditChainAction,
  "audit.export": exportAuditLogAction,
} as const;

/** The area's read endpoints, for the OpenAPI document. */
export { auditReadRoutes } from "./read-routes";
