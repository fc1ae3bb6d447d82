import "server-only";
// Action definitions of the notifications area, listed for the registry (REST, OpenAPI, permission matrix).
import type { ReadRouteSpec } from "@/server/http/openapi";
import { ackNotificationAction } from "./ack-notification";

export const notificationsActions = {
  "notifications.ack": ackNotificationAction,
} as const;

export const notificationsReadRoutes: ReadRouteSpec[] = [
  {
    path: "/api/v1/notifications",
    summary: "Your in-app notifications, newest first (those addressed to a team role you hold, your product role, or everyone), each with whether you acknowledged it, and the unread count.",
    permission: "notifications.read",
    tag: "notifications",
  },
];
