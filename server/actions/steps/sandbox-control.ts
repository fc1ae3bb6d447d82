import "server-only";
import { z } from "zod";
import { ActionError } from "@/server/actions/errors";
import { defineAction } from "@/server/actions/pipeline";
import { sandboxControl, type SandboxStatus } from "@/server/engine/sandbox-control";

function control() {
  const current = sandboxControl();
  if (!current) throw new ActionError("conflict", "This process cannot control the sandbox: it runs in the app server (server.ts) with FLIGHTDECK_SANDBOX on.");
  return current;
}

async function attempt(work: () => Promise<SandboxStatus>): Promise<SandboxStatus> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ActionError) throw error;
    throw new ActionError("conflict", `The sandbox refused: ${(error as Error).message}`);
  }
}

// The slow part (starting processes) happens before the audit append, so the audit chain's lock is not
// held while the sandbox boots.
export const startSandboxAction = defineAction({
  name: "sandbox.start",
  permission: "sandbox.manage",
  rest: { method: "POST", path: "/api/v1/sandbox/start" },
  summary: "Start the local rehearsal sandbox (blue/green service, weighted router, load generator) — lead/admin.",
  input: z.object({}).strict(),
  handler: async ({ audit }) => {
    const status = await attempt(() => control().start());
    await audit({ action: "sandbox.start", target: { type: "sandbox", id: "local", label: "Rehearsal sandbox" }, after: { running: status.running, routerUrl: status.routerUrl } });
    return status;
  },
});

export const stopSandboxAction = defineAction({
  name: "sandbox.stop",
  permission: "sandbox.manage",
  rest: { method: "POST", path: "/api/v1/sandbox/stop" },
  summary: "Stop the local rehearsal sandbox — lead/admin.",
  input: z.object({}).strict(),
  handler: async ({ audit }) => {
    const status = await attempt(() => control().stop());
    await audit({ action: "sandbox.stop", target: { type: "sandbox", id: "local", label: "Rehearsal sandbox" }, after: { running: status.running } });
    return status;
  },
});

export const ZSandboxFaults = z
  .object({
    color: z.enum(["blue", "green"]).default("green"),
    errorRate: z.number().min(0).max(100).optional(),
    latencyMs: z.number().int().min(0).max(60_000).optional(),
  })
  .refine((v) => v.errorRate !== undefined || v.latencyMs !== undefined, { message: "Give an error rate or an added latency.", path: ["errorRate"] });

export const setSandboxFaultsAction = defineAction({
  name: "sandbox.faults",
  permission: "sandbox.manage",
  rest: { method: "PUT", path: "/api/v1/sandbox/faults" },
  summary: "Inject faults into a sandbox colour (error rate %, added latency ms) to rehearse a bad release — lead/admin.",
  input: ZSandboxFaults,
  handler: async ({ input, audit }) => {
    const status = await attempt(() => control().setFaults(input));
    await audit({ action: "sandbox.faults", target: { type: "sandbox", id: "local", label: `Rehearsal sandbox (${input.color})` }, after: input });
    return status;
  },
});
