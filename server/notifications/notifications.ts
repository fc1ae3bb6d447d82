import "server-only";
// Recording and reading in-app notifications. Recording happens inside the caller's transaction (the
// notify step), and the "you have mail" pings go out with the caller's publish, i.e. after commit.
import { and, desc, eq, inArray } from "drizzle-orm";
import { notificationReceipts, notifications, runs, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { isAddressedTo, NOTIFICATION_EVENTS, type TNotificationDto } from "@/lib/runs/notifications";
import type { Db, Tx } from "@/server/db/client";
import type { RealtimeMessage } from "@/server/realtime/publish";

type NewNotification = { runId?: string | null; taskId?: string | null; roles: string[]; message: string; fromName: string };

/** Stores a notification and pings the room of every active user it reaches (each client then refetches its inbox). */
export async function recordNotification(tx: Tx, input: NewNotification, publish: (message: RealtimeMessage) => void) {
  const [row] = await tx.insert(notifications).values({ runId: input.runId ?? null, taskId: input.taskId ?? null, roles: input.roles, message: input.message, fromName: input.fromName }).returning();
  const people = await tx.select({ id: users.id, productRole: users.productRole, teamRoles: users.teamRoles }).from(users).where(eq(users.active, true));
  for (const person of people) {
    // The ping carries only the id: what it says is read through the permission-checked REST route.
    if (isAddressedTo(row.roles, person)) publish({ room: `user:${person.id}`, event: NOTIFICATION_EVENTS.created, payload: { id: row.id } });
  }
  return row;
}

export async function loadNotification(db: Db | Tx, id: string) {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id)).limit(1);
  return row ?? null;
}

/** The reader's notifications, newest first (the last `limit` addressed to them), with their own ack state. */
export async function listNotificationsFor(db: Db | Tx, actor: Actor, limit = 50): Promise<{ items: TNotificationDto[]; unread: number }> {
  // Addressing is by role names in JSON; the recent window is small, so it is filtered here, by the one rule.
  const recent = await db
    .select({ n: notifications, runTitle: runs.title })
    .from(notifications)
    .leftJoin(runs, eq(runs.id, notifications.runId))
    .orderBy(desc(notifications.createdAt))
    .limit(500);
  const mine = recent.filter((r) => isAddressedTo(r.n.roles, actor)).slice(0, limit);
  const acked =
    mine.length && actor.kind === "user"
      ? new Set(
          (
            await db
              .select({ id: notificationReceipts.notificationId })
              .from(notificationReceipts)
              .where(and(eq(notificationReceipts.userId, actor.id), inArray(notificationReceipts.notificationId, mine.map((r) => r.n.id))))
          ).map((r) => r.id),
        )
      : new Set<string>();
  const items = mine.map(({ n, runTitle }) => ({
    id: n.id,
    runId: n.runId,
    runTitle: runTitle ?? null,
    taskId: n.taskId,
    roles: n.roles,
    message: n.message,
    fromName: n.fromName,
    createdAt: n.createdAt.toISOString(),
    acked: acked.has(n.id),
  }));
  return { items, unread: items.filter((i) => !i.acked).length };
}
