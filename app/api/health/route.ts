import { NextResponse } from "next/server";
import { sql } from "drizzle-orm";
import { getDb } from "@/server/db/client";

export const dynamic = "force-dynamic";

/** Liveness and readiness: the process answers and the database is reachable. No secrets, no names. */
export async function GET() {
  try {
    const result = await getDb().execute(sql`select (select count(*) from plans)::int as plans`);
    const plans = Number((result.rows[0] as { plans: number }).plans);
    return NextResponse.json({ ok: true, database: "up", plans });
  } catch {
    return NextResponse.json({ ok: false, database: "down" }, { status: 503 });
  }
}
