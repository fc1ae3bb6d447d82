// GET /api/v1/notifications — the caller's in-app notifications and unread count.
import { readRoute } from "@/server/http/api-route";
import { getDb } from "@/server/db/client";
import { listNotificationsFor } from "@/server/notifications/notifications";

export const dynamic = "force-dynamic";

export const GET = readRoute("notifications.read", ({ actor }) => listNotificationsFor(getDb(), actor));
