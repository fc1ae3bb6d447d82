// POST /api/v1/notifications/{notificationId}/ack — mark a notification read (audited).
import { actionRoute } from "@/server/http/api-route";
import { ackNotificationAction } from "@/server/actions/notifications/ack-notification";

export const dynamic = "force-dynamic";

export const POST = actionRoute(ackNotificationAction, { toInput: (_body, params) => ({ notificationId: params.notificationId }), readBody: false });
