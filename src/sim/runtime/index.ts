// The container runtime: a deterministic process model on the virtual clock, shared by the Docker
// engine/Swarm and the kubelet.
//
// Model: startContainer computes PID 1 from the image's ENTRYPOINT/CMD and the spec's overrides
// (init processes and docker-library entrypoint scripts peeled off) and runs it as either
//  - an image program: its ProgramPlan (src/sim/images) is a list of kwok-style stages — log lines
//    at offsets, listening from N ms, files written, an exit — decided at start by exit rules
//    (missing env → the entrypoint's real error and exit 1); HTTP answers come from the plan's
//    routes and static files; signals schedule an exit only when the plan handles them;
//  - a shell or tool: a small busybox-like interpreter (shell/) running as a generator that yields
//    when virtual time must pass (`sleep`), when an image program runs in the foreground, or when a
//    background job starts. Every simple command is a budgeted step, so a loop that never sleeps is
//    reported as spinning instead of hanging the simulator.
// Time only moves when the caller says so: advanceTo(t) applies everything due up to t in time
// order; nextEventTime(t) tells when to look again. Signals follow the PID 1 rule (ignored without
// a handler: the caller kills after the grace period → 137); tini/dumb-init forward them.
// Memory over the limit → OOMKilled (137). exec() runs a command to completion at once.

export { startContainer, ContainerProcess } from "./process";
export { containerEnv } from "./start-options";
export type { StartContainerOptions, ContainerStatus, ExitReason, SignalOutcome, NetworkHooks, DnsAnswer } from "./types";
export { SIGNAL_NUMBERS } from "./types";
export type { ExecOptions, ExecResult } from "./exec";
export { EXEC_WAIT_BUDGET_MS, execWaitedMs, ociExecFailed } from "./exec";
export type { HttpRequest, HttpResult } from "./http";
export type { LogEntry } from "./logs";
export { MAX_LOG_LINES, logLine } from "./logs";
export { effectiveArgv, classifyLaunch, execNotFound, dockerStartErrorMessage, type Launch } from "./programs";
export { runProbe, httpStatusFailure, connectionRefused, tcpRefused, execTimedOut, type ProbeHandler, type ProbeResult } from "./probe-messages";
export { formatTime } from "./template";
export { ContainerFs, normalizePath } from "./fs";
