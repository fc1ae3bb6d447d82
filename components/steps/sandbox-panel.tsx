"use client";
// The rehearsal sandbox at a glance, with the lead's controls: start/stop, and faults for green (error
// rate, added latency) to rehearse a bad release.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { apiCall, newKey } from "@/components/runs/api";
import type { SandboxStatus } from "@/lib/actions/sandbox-status";


export function SandboxPanel({ canManage }: { canManage: boolean }) {
  const queryClient = useQueryClient();
  const { data, error, isLoading } = useQuery({ queryKey: ["sandbox"], queryFn: () => apiCall<SandboxStatus>("/api/v1/sandbox", { method: "GET" }), refetchInterval: 3000 });
  const [message, setMessage] = useState<string | null>(null);
  const [errorRate, setErrorRate] = useState("0");
  const [latencyMs, setLatencyMs] = useState("0");
  const mutation = useMutation({
    mutationFn: ({ path, method, body }: { path: string; method: string; body: unknown }) => apiCall<SandboxStatus>(`/api/v1/sandbox/${path}`, { method, body, idempotencyKey: newKey() }),
    onSuccess: (status) => {
      queryClient.setQueryData(["sandbox"], status);
      setMessage(null);
    },
    onError: (e) => setMessage(e.message),
  });

  if (isLoading) return <p className="text-slate-400">Loading the sandbox…</p>;
  if (error || !data) return <p role="alert" className="text-rose-300">Could not read the sandbox: {(error as Error | null)?.message}</p>;
  return (
    <div className="space-y-4" data-testid="sandbox-panel">
      <div className="flex flex-wrap items-center gap-3">
        <Badge tone={data.running ? "success" : "neutral"} symbol={data.running ? "●" : "○"}>
          {data.running ? "Running" : "Stopped"}
        </Badge>
        {data.running ? (
          <span className="text-slate-300">
            router {data.routerUrl} · green gets <strong className="text-slate-100">{data.weight?.green ?? 0}%</strong> · blue {data.blue?.version} ({data.blue?.status}) · green {data.green?.version ?? "—"} ({data.green?.status})
          </span>
        ) : null}
      </div>
      {data.error ? <p className="text-sm text-amber-200">⚠ {data.error}</p> : null}
      {data.loadgen ? (
        <p className="text-sm text-slate-300">
          Load: {data.loadgen.rps} req/s · {data.loadgen.sent} sent · {data.loadgen.ok} ok · {data.loadgen.failed} failed · database {data.database}
        </p>
      ) : null}
      {canManage && data.controllable ? (
        <div className="flex flex-wrap gap-2">
          <Button variant="primary" disabled={data.running || mutation.isPending} onClick={() => mutation.mutate({ path: "start", method: "POST", body: {} })}>
            Start sandbox
          </Button>
          <Button disabled={!data.running || mutation.isPending} onClick={() => mutation.mutate({ path: "stop", method: "POST", body: {} })}>
            Stop sandbox
          </Button>
        </div>
      ) : null}
      {canManage && data.running ? (
        <form
          className="flex flex-wrap items-end gap-3 rounded-md border border-slate-800 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            mutation.mutate({ path: "faults", method: "PUT", body: { color: "green", errorRate: Number(errorRate), latencyMs: Number(latencyMs) } });
          }}
        >
          <p className="basis-full text-sm text-slate-300">
            Green&apos;s faults now: {data.faults?.green ? `${data.faults.green.errorRate}% errors, +${data.faults.green.latencyMs} ms` : "green not running"}
          </p>
          <label className="text-sm text-slate-200">
            Error rate (%)
            <input type="number" min={0} max={100} value={errorRate} onChange={(e) => setErrorRate(e.target.value)} className="mt-1 block w-28 rounded-md border border-slate-700 bg-slate-900 p-2" />
          </label>
          <label className="text-sm text-slate-200">
            Added latency (ms)
            <input type="number" min={0} max={60000} value={latencyMs} onChange={(e) => setLatencyMs(e.target.value)} className="mt-1 block w-32 rounded-md border border-slate-700 bg-slate-900 p-2" />
          </label>
          <Button type="submit" variant="danger" disabled={mutation.isPending || data.green?.status !== "running"}>
            Inject into green
          </Button>
        </form>
      ) : null}
      {message ? (
        <p role="alert" className="rounded bg-rose-950 px-3 py-2 text-rose-100">
          {message}
        </p>
      ) : null}
    </div>
  );
}
