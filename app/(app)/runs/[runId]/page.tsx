import { notFound } from "next/navigation";
import { requirePagePermission } from "@/server/auth/session";
import { getRunDetail } from "@/server/runs/queries";
import { ControlRoom } from "@/components/runs/control-room";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ runId: string }> }) {
  const detail = await getRunDetail((await params).runId).catch(() => null);
  return { title: detail ? `${detail.run.title} · control room` : "Run" };
}

export default async function RunPage({ params, searchParams }: { params: Promise<{ runId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { runId } = await params;
  const actor = await requirePagePermission("runs.read", `/runs/${runId}`);
  const detail = await getRunDetail(runId);
  if (!detail) notFound();
  const kiosk = (await searchParams).kiosk === "1";
  return <ControlRoom initial={detail} actor={actor} kiosk={kiosk} />;
}
