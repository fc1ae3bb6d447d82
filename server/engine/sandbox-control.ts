import "server-only";
// The sandbox as the app's routes see it. The sandbox itself (sandbox/, plain JS that forks its service
// processes by file path) runs in the custom server's module graph; it registers its controls here on
// globalThis, so Next's route bundle can start, stop and inspect it without bundling it.
import type { SandboxFaultsInput, SandboxStatus } from "@/lib/actions/sandbox-status";
import { sandboxEnabled } from "./sandbox-config";

export type { SandboxFaultsInput, SandboxStatus };

export type SandboxControl = {
  start: () => Promise<SandboxStatus>;
  stop: () => Promise<SandboxStatus>;
  status: () => Promise<SandboxStatus>;
  setFaults: (input: SandboxFaultsInput) => Promise<SandboxStatus>;
};

const holder = globalThis as unknown as { __flightdeckSandbox?: SandboxControl };

export function registerSandboxControl(control: SandboxControl | undefined) {
  holder.__flightdeckSandbox = control;
}

export function sandboxControl(): SandboxControl | undefined {
  return holder.__flightdeckSandbox;
}

export function unavailableStatus(): SandboxStatus {
  return {
    enabled: sandboxEnabled(),
    controllable: false,
    running: false,
    startedAt: null,
    routerUrl: null,
    weight: null,
    blue: null,
    green: null,
    faults: null,
    loadgen: null,
    database: null,
    error: sandboxEnabled() ? "The sandbox is controlled by the app server process (server.ts); this process has no control of it." : "The sandbox is off (FLIGHTDECK_SANDBOX=0, or not the embedded default).",
  };
}
