import { readRoute } from "@/server/http/api-route";
import { loadExecutionDto } from "@/server/engine/queries";

export const dynamic = "force-dynamic";

export const GET = readRoute("tasks.read", ({ params }) => loadExecutionDto(params.executionId));
