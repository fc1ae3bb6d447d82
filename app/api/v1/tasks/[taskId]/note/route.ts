import { actionRoute } from "@/server/http/api-route";
import { noteTaskAction } from "@/server/actions/runs/note-task";

export const dynamic = "force-dynamic";

export const POST = actionRoute(noteTaskAction);
