import "server-only";
import { z } from "zod";
import { notificationReceipts } from "@/db/schema";
import { isAddressedTo, NOTIFICATION_EVENTS } from "@/lib/runs/notifications";
import { defineAction } from "@/server/actions/pipeline";
import { ActionError } from "@/server/actions/errors";
import { loadNotification } from "@/server/notifications/notifications";

export const ZAckNotification = z.object({ notificationId: z.uuid({ message: "Name a notification by its id." }) });

/** Marks a notification read for the caller. Only its addressees may: anyone else is refused, and that is on the record. */
export const ackNotificationAction = defineAction({
  name: "notifications.ack",
  permission: "notifications.read",
  summary: "Acknowledge (mark read) a notification addressed to you: to a team role you hold, your product role, or everyone.",
  input: ZAckNotification,
  rest: { method: "POST", path: "/api/v1/notifications/{notificationId}/ack" },
  handler: async ({ input, actor, tx, audit, publish, deny }) => {
    const row = await loadNotification(tx, input.notificationId);
    if (!row) throw new ActionError("not_found", "No such notification.");
    const target = { type: "notification", id: row.id, label: row.message.slice(0, 120) };
    if (actor.kind !== "user" || !isAddressedTo(row.roles, actor)) throw deny("This notification is not addressed to you.", target, { runId: row.runId });
    const inserted = await tx.insert(notificationReceipts).values({ notificationId: row.id, userId: actor.id }).onConflictDoNothing().returning();
    await audit({ action: "notifications.ack", target, runId: row.runId, after: { acked: true, already: inserted.length === 0 } });
    publish({ room: `user:${actor.id}`, event: NOTIFICATION_EVENTS.acked, payload: { id: row.id } });
    return { id: row.id, acked: true };
  },
});
