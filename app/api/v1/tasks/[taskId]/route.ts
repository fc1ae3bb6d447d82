import { eq } from "drizzle-orm";
import { taskStates } from "@/db/schema";
import { readRoute } from "@/server/http/api-route";
import { ActionError } from "@/server/actions/errors";
import { getDb } from "@/server/db/client";
import { toTaskDto } from "@/server/runs/serialize";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const GET = readRoute("tasks.read", async ({ params }) => {
  if (!UUID.test(params.taskId)) throw new ActionError("not_found", "No task with this id.");
  const [row] = await getDb().select().from(taskStates).where(eq(taskStates.id, params.taskId)).limit(1);
  if (!row) throw new ActionError("not_found", "No task with this id.");
  return toTaskDto(row);
});
