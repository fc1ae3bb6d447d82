// Types for the plain-JS sandbox, so TypeScript callers (the app, vitest files) import it type-safely.
export interface SandboxFaults {
  errorRate?: number;
  latencyMs?: number;
}

export interface SandboxOptions {
  dir?: string;
  databaseUrl?: string;
  ports?: { router?: number; blue?: number; green?: number };
  rps?: number;
  blueVersion?: string;
  greenFaults?: SandboxFaults;
  adminToken?: string;
  log?: (line: string) => void;
  seed?: boolean;
}

export interface ColorState {
  status: "starting" | "running" | "not_deployed" | "rolled_back" | "crashed" | "failed";
  url: string | null;
  port: number | null;
  pid: number | null;
  version: string | null;
}

export interface SandboxState {
  schema: 1;
  supervisorPid: number;
  startedAt: string;
  updatedAt: string | null;
  dir: string;
  databaseUrl: string;
  databaseName: string;
  adminTokenRequired: boolean;
  router: { url: string; port: number; metricsUrl: string; adminUrl: string } | null;
  blue: ColorState;
  green: ColorState;
  weight: { green: number };
  loadgen: { rps: number };
  files: { releases: string; backup: string; notifications: string; rollbacks: string };
}

export interface Sandbox {
  stop(): Promise<void>;
  state: SandboxState;
  urls: { router: string; metrics: string; admin: string; blue: string; readonly green: string | null };
  loadgen: { rps: number; sent: number; ok: number; failed: number; skipped: number; inFlight: number };
  stateFile: string;
}

export function startSandbox(options?: SandboxOptions): Promise<Sandbox>;
export function optionsFromEnv(env?: NodeJS.ProcessEnv): Required<Pick<SandboxOptions, "dir" | "databaseUrl" | "ports" | "rps" | "blueVersion" | "greenFaults">> & { adminToken?: string };
