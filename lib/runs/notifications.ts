// Who a notification reaches. Pure, so the REST read, the realtime fan-out and the acknowledge action
// apply the same rule.
import { WHOLE_TEAM_OWNER } from "@/lib/auth/permissions";

const EVERYONE = new Set(["everyone", "all", "*"]);

/**
 * Addressed to the reader when the notification names no roles (or "everyone"), names a team role they
 * hold or their product role (case-insensitive), or names the whole team and they are on it.
 */
export function isAddressedTo(roles: readonly string[], reader: { productRole: string; teamRoles: readonly string[] }): boolean {
  if (roles.length === 0) return true;
  const mine = new Set([reader.productRole, ...reader.teamRoles].map((r) => r.toLowerCase()));
  return roles.some((role) => {
    const r = role.trim().toLowerCase();
    if (EVERYONE.has(r) || mine.has(r)) return true;
    return r === WHOLE_TEAM_OWNER.toLowerCase() && reader.teamRoles.length > 0;
  });
}

export type TNotificationDto = { id: string; runId: string | null; runTitle: string | null; taskId: string | null; roles: string[]; message: string; fromName: string; createdAt: string; acked: boolean };

/** Realtime events on a reader's own room, user:<id>. */
export const NOTIFICATION_EVENTS = { created: "notification.created", acked: "notification.acked" } as const;
