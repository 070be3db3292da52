// Mirrors swarmkit's api.TaskState: states are ordered ranks, so code can compare them
// ("a task only moves forward"; "terminal = anything above running").

export const TASK_STATES = [
  "new", "pending", "assigned", "accepted", "preparing", "ready", "starting", "running",
  "complete", "shutdown", "failed", "rejected", "remove", "orphaned",
] as const;

export type TaskState = (typeof TASK_STATES)[number];

/** swarmkit's numeric values (api/types.proto), used for ordering only. */
export const TASK_STATE_RANK: Record<TaskState, number> = {
  new: 0, pending: 64, assigned: 192, accepted: 256, preparing: 320, ready: 384, starting: 448,
  running: 512, complete: 576, shutdown: 640, failed: 704, rejected: 768, remove: 800, orphaned: 832,
};

export const rank = (s: TaskState): number => TASK_STATE_RANK[s];
export const isTerminal = (s: TaskState): boolean => rank(s) > rank("running");
/** An "active" task in the scheduler's sense: desired state not past complete. */
export const isActiveDesired = (s: TaskState): boolean => rank(s) <= rank("complete");
/** The desired state asks the task to run: ready (restart delay), running, or complete (jobs). */
export const wantsToRun = (s: TaskState): boolean => rank(s) <= rank("complete");

/** Capitalised as `PrettyPrint` shows it: "running" → "Running". */
export const pretty = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1).toLowerCase() : s);

/** The agent's happy path from assignment to running, each step without time passing. */
export const HAPPY_PATH: TaskState[] = ["assigned", "accepted", "preparing", "ready", "starting", "running"];

/** Progress of a state on the `service create` progress bar (docker/cli progress.stateToProgress). */
export const STATE_PROGRESS: Partial<Record<TaskState, number>> = {
  new: 1, pending: 3, assigned: 4, accepted: 5, preparing: 6, ready: 7, starting: 8, running: 9,
};

/** docker/cli progress.numberedStates: orders desired/observed states when picking a slot's task. */
export const NUMBERED_STATE: Partial<Record<TaskState, number>> = {
  new: 1, pending: 3, assigned: 4, accepted: 5, preparing: 6, ready: 7, starting: 8, running: 9,
  complete: 10, shutdown: 11, failed: 12, rejected: 13,
};
