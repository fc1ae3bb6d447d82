"use client";
// The status page's only script: follow status:<slug> and re-render the server page on each change.
// No query cache and no Markdown renderer in the browser; the server renders everything.
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { io } from "socket.io-client";

export function StatusLive({ slug }: { slug: string }) {
  const router = useRouter();
  const [live, setLive] = useState<"connecting" | "live" | "offline">("connecting");
  useEffect(() => {
    const socket = io({ path: "/socket.io", transports: ["websocket", "polling"] });
    let joined = false;
    const join = () =>
      socket.emit("join", { room: `status:${slug}` }, (answer: { ok: boolean }) => {
        setLive(answer?.ok ? "live" : "offline");
        // After a reconnect, catch up on anything missed while away.
        if (answer?.ok && joined) router.refresh();
        joined = joined || !!answer?.ok;
      });
    const refresh = () => router.refresh();
    socket.on("connect", join);
    socket.on("disconnect", () => setLive("offline"));
    socket.on("status.changed", refresh);
    socket.on("status.posted", refresh);
    return () => {
      socket.disconnect();
    };
  }, [slug, router]);
  return (
    <p className="text-sm text-slate-400" aria-live="polite">
      <span aria-hidden="true">{live === "live" ? "● " : "◌ "}</span>
      {live === "live" ? "Updates automatically" : live === "connecting" ? "Connecting for live updates…" : "Live updates paused; reload to refresh"}
    </p>
  );
}
