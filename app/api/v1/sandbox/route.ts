import { readRoute } from "@/server/http/api-route";
import { sandboxControl, unavailableStatus } from "@/server/engine/sandbox-control";

export const dynamic = "force-dynamic";

export const GET = readRoute("runs.read", async () => (await sandboxControl()?.status()) ?? unavailableStatus());
