"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { explainBreak, formatVerdict, type ChainVerdict } from "@/lib/audit/verdict";

type ApiError = { error: { code: string; message: string } };

async function verifyChain(): Promise<ChainVerdict> {
  const response = await fetch("/api/v1/audit/verify", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  const body = (await response.json().catch(() => null)) as { data: ChainVerdict } | ApiError | null;
  if (!response.ok || !body || "error" in body) throw new Error(body && "error" in body ? body.error.message : `The server answered ${response.status}.`);
  return body.data;
}

/** Recomputes the whole hash chain on the server; the check is itself recorded in the log. */
export function VerifyChainButton() {
  const verify = useMutation({ mutationFn: verifyChain });
  const result = verify.data;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button type="button" variant="secondary" onClick={() => verify.mutate()} disabled={verify.isPending} aria-describedby="verify-result">
        {verify.isPending ? "Verifying…" : "Verify chain"}
      </Button>
      <p id="verify-result" role="status" aria-live="polite" className="text-sm">
        {verify.isPending ? <span className="text-slate-300">Recomputing every hash…</span> : null}
        {verify.isError ? (
          <span className="font-medium text-amber-200">
            <span aria-hidden="true">⚠ </span>Could not verify: {verify.error.message}
          </span>
        ) : null}
        {result?.intact ? (
          <span className="font-medium text-emerald-300">
            <span aria-hidden="true">✓ </span>
            {formatVerdict(result)}
          </span>
        ) : null}
        {result && !result.intact ? (
          <span className="font-medium text-rose-300">
            <span aria-hidden="true">✕ </span>
            {formatVerdict(result)}: {explainBreak(result.firstBreak.reason)}.{" "}
            <Link className="underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400" href={`/audit?before=${result.firstBreak.seq + 3}`}>
              Show events around seq {result.firstBreak.seq}
            </Link>
          </span>
        ) : null}
      </p>
    </div>
  );
}
