// The JSON shapes runs and tasks travel in: REST answers, realtime events and the client's query cache
// all use these, so an event can replace a cached entity as is.

export type TRunDto = {
  id: string;
  slug: string;
  planVersionId: string;
  planTitle: string;
  planVersion: number;
  title: string;
  state: string;
  timezone: string;
  scheduledStart: string | null;
  windowStart: string | null;
  windowEnd: string | null;
  statusPublic: boolean;
  /** The "Scheduled maintenance in progress" notice, switched by a task's maintenance action. */
  maintenanceNotice: boolean;
  startedAt: string | null;
  endedAt: string | null;
  createdAt: string;
  version: number;
  updatedByName: string | null;
  updatedAt: string | null;
};

export type TTaskDto = {
  id: string;
  runId: string;
  key: string;
  phaseName: string;
  phasePosition: number;
  position: number;
  title: string;
  ownerRole: string;
  status: string;
  assigneeId: string | null;
  assigneeName: string | null;
  plannedStart: string;
  plannedEnd: string;
  actualStart: string | null;
  actualEnd: string | null;
  dependsOn: string[];
  note: string | null;
  notes: Array<{ at: string; by: string; text: string }>;
  reason: string | null;
  overrideReason: string | null;
  overrideBy: string | null;
  hasAction: boolean;
  version: number;
  updatedByName: string | null;
  updatedAt: string | null;
};

export type TActivityItem = {
  id: string;
  at: string;
  actorName: string;
  actorRole: string;
  action: string;
  outcome: string;
  targetLabel: string | null;
  reason: string | null;
};

export type TStatusUpdateDto = { id: string; runId: string; bodyMarkdown: string; authorName: string; createdAt: string };

export type TPresenceEntry = { userId: string; name: string; productRole: string; teamRoles: string[] };

export type TRunDetail = { run: TRunDto; tasks: TTaskDto[]; activity: TActivityItem[]; statusUpdates: TStatusUpdateDto[] };

/** What the public status page may show: no task titles, owners, commands, hosts or metric values. */
export type TPublicStatus = {
  slug: string;
  title: string;
  state: string;
  label: string;
  sentence: string;
  symbol: string;
  phaseName: string | null;
  percentDone: number;
  scheduledStart: string | null;
  startedAt: string | null;
  expectedEnd: string | null;
  endedAt: string | null;
  timezone: string;
  /** The team has put up the maintenance notice (the page shows a banner). */
  maintenanceNotice: boolean;
  updates: Array<{ id: string; bodyMarkdown: string; authorName: string; createdAt: string }>;
};

/** Realtime event names on run:<id> and status:<slug>. */
export const RUN_EVENTS_WIRE = {
  run: "run.updated",
  task: "task.updated",
  activity: "activity",
  statusUpdate: "status.posted",
  presence: "presence",
  status: "status.changed",
} as const;
