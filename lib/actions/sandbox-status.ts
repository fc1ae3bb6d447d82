// The rehearsal sandbox as the API reports it and the lead controls it. Shared by the server (which
// builds it) and the steps UI.

export type SandboxFaultsInput = { color: "blue" | "green"; errorRate?: number; latencyMs?: number };

export type SandboxStatus = {
  enabled: boolean;
  /** False when this process cannot control a sandbox (e.g. not started through server.ts). */
  controllable: boolean;
  running: boolean;
  startedAt: string | null;
  routerUrl: string | null;
  weight: { green: number } | null;
  blue: { status: string; version: string | null } | null;
  green: { status: string; version: string | null } | null;
  faults: { green: { errorRate: number; latencyMs: number } | null } | null;
  loadgen: { rps: number; sent: number; ok: number; failed: number } | null;
  database: string | null;
  error: string | null;
};
