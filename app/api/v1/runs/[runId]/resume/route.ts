import { actionRoute } from "@/server/http/api-route";
import { resumeRunAction } from "@/server/actions/runs/resume-run";

export const dynamic = "force-dynamic";

export const POST = actionRoute(resumeRunAction);
