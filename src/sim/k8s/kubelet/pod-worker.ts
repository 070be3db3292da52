// Mirrors pkg/kubelet/pod_workers.go + kuberuntime_manager.go SyncPod / computePodActions for one
// pod on the virtual clock: run init containers in order (sidecars — restartPolicy Always — only
// until started, then kept running), then the app's containers; on deletion, or once a
// Never/OnFailure pod's app is done, stop them gracefully — sidecars last, in reverse order —
// before the final delete. How one container starts, restarts, is probed and killed is
// container-driver.ts.

import { parseTime } from "../controllers/pods";
import { ContainerDriver, completed } from "./container-driver";
import { hookOf, PRE_STOP_HOOK_FAILED, runHook } from "./lifecycle";
import { DEADLINE_EXCEEDED, DEADLINE_EXCEEDED_MESSAGE } from "./reasons";
import { ensureContainerRecords } from "./records";
import { syncConfigVolumes } from "./volume-manager";
import { catchUpProbes, probeWake } from "./probe-deferral";

export type { WorkerDeps } from "./container-driver";

export class PodWorker extends ContainerDriver {
  /** Brings the pod's containers up to `now`. Returns true when the pod is gone (final delete). */
  sync(): boolean {
    const pod = this.pod;
    // Probe ticks run late come first, at their own times, before anything moves a process on.
    catchUpProbes(pod, this.rec, this.now, false);
    ensureContainerRecords(this.rec, pod);
    if (pod.metadata.deletionTimestamp) return this.terminate(parseTime(pod.metadata.deletionTimestamp) ?? this.now);
    if (this.rec.killDeadline !== undefined) {
      this.terminate(this.rec.killDeadline);
      return false;
    }
    if (this.rec.failed) return false;
    if (this.pastActiveDeadline()) {
      // activeDeadlineHandler: the pod fails as a whole and its containers are stopped.
      this.rec.failed = { reason: DEADLINE_EXCEEDED, message: DEADLINE_EXCEEDED_MESSAGE };
      this.emit(undefined, { type: "Normal", reason: DEADLINE_EXCEEDED, message: DEADLINE_EXCEEDED_MESSAGE });
      this.rec.killDeadline = this.now + (pod.spec.terminationGracePeriodSeconds ?? 30) * 1000;
      this.terminate(this.rec.killDeadline);
      return false;
    }
    if (this.rec.followsConfig) {
      syncConfigVolumes(this.deps.cluster, pod, this.rec, this.now, [...this.rec.initContainers, ...this.rec.containers].filter((c) => c.proc));
    }
    // Once initialized, the app's containers are looked at first: if nothing of the app is left
    // to run, the pod is killed before any sidecar would be restarted (computePodActions).
    if (this.rec.initialized) {
      for (const c of this.rec.containers) this.drive(c);
      if (this.killIfDone()) return false;
      this.initialize();
      return false;
    }
    if (this.initialize()) {
      this.rec.initialized = true;
      for (const c of this.rec.containers) this.drive(c);
    }
    this.killIfDone();
    return false;
  }

  /**
   * computePodActions' KillPod: nothing of the app is left to run (restartPolicy Never/OnFailure,
   * every regular container done) or an init container failed for good — the pod is killed,
   * its sidecars with it, and nothing restarts. True if it was.
   */
  private killIfDone(): boolean {
    const policy = this.pod.spec.restartPolicy ?? "Always";
    const appDone = this.rec.initialized && policy !== "Always" && this.rec.containers.every((c) => c.terminated && !c.restarting && !c.proc);
    if (!appDone && !this.rec.failed) return false;
    this.rec.killDeadline ??= this.now + (this.pod.spec.terminationGracePeriodSeconds ?? 30) * 1000;
    this.terminate(this.rec.killDeadline);
    return true;
  }

  /**
   * computeInitContainerActions: init containers run in order; a regular one must exit 0, a
   * sidecar (restartPolicy Always) must have started (no startup probe, or it succeeded) before
   * the next one starts. Sidecars already passed are kept running (restarted whatever the pod's
   * restartPolicy) without holding the others back. True once the pod is initialized.
   */
  private initialize(): boolean {
    const list = this.rec.initContainers;
    let frontier = this.rec.initFrontier ?? 0;
    for (let i = 0; i < list.length; i++) {
      const c = list[i]!;
      if (i < frontier) {
        if (c.restartable) this.drive(c);
        continue;
      }
      if (!c.restartable && completed(c)) {
        frontier = i + 1;
        continue;
      }
      this.drive(c);
      if (c.restartable ? c.proc && c.started : completed(c)) {
        frontier = i + 1;
        continue;
      }
      if (!c.restartable && c.terminated && !c.restarting && this.pod.spec.restartPolicy === "Never") {
        this.rec.failed = { reason: "", message: "" };
      }
      break;
    }
    this.rec.initFrontier = frontier;
    return frontier === list.length;
  }

  /**
   * Graceful termination (killContainersWithSyncResult); true once every container has stopped
   * (the pod can be removed). Every running container gets its Killing event at once; regular
   * containers are signalled then, sidecars only when every regular container and every later
   * sidecar has stopped (terminationOrdering), with what is left of the grace period, 2 s at least.
   */
  private terminate(deadline: number): boolean {
    const rec = this.rec;
    rec.terminatingSince ??= this.now;
    const all = [...rec.initContainers, ...rec.containers];
    for (const c of all) {
      c.retryAt = undefined;
      c.restarting = false;
      if (!c.proc || c.killDeadline !== undefined || c.awaitingTurn) continue;
      if (c.restartable) {
        // killContainer: the event and the preStop hook now, SIGTERM when its turn comes.
        this.emit(c, { type: "Normal", reason: "Killing", message: `Stopping container ${c.name}` });
        c.awaitingTurn = true;
        const preStop = hookOf(this.spec(c), "preStop");
        if (preStop) {
          const r = runHook(preStop, this.pod, this.spec(c), c.proc, this.now, Math.max(0, deadline - this.now));
          if (!r.ok) this.emit(c, { type: "Warning", reason: "FailedPreStopHook", message: PRE_STOP_HOOK_FAILED });
          c.preStopDoneAt = this.now + r.durationMs;
        }
      } else {
        this.kill(c, `Stopping container ${c.name}`);
        // The pod's deadline bounds it, but a preStop hook still leaves SIGTERM its 2 s.
        c.killDeadline = Math.min(c.killDeadline ?? deadline, Math.max(deadline, (c.sigtermAt ?? this.now) + 2000));
      }
    }
    const sidecars = rec.initContainers.filter((c) => c.restartable);
    for (let pass = 0; pass <= sidecars.length; pass++) {
      for (const c of all) {
        if (!c.proc) continue;
        c.proc.advance(this.now);
        const exit = this.dueExit(c);
        if (exit) this.onExit(c, exit, undefined, undefined, true);
        else this.runDueProbes(c);
      }
      let signalled = false;
      for (let i = sidecars.length - 1; i >= 0; i--) {
        const c = sidecars[i]!;
        if (!c.awaitingTurn) continue;
        if (!c.proc) {
          c.awaitingTurn = false;
          continue;
        }
        if (rec.containers.some((x) => x.proc) || sidecars.slice(i + 1).some((x) => x.proc)) break;
        // The hook's time and the wait for the turn both come off the grace period (2 s at least).
        const graceS = Math.max(0, Math.round((deadline - rec.terminatingSince) / 1000));
        const hookEnd = Math.max(c.preStopDoneAt ?? rec.terminatingSince, rec.terminatingSince);
        const spentS = Math.floor((hookEnd - rec.terminatingSince) / 1000) + Math.floor(Math.max(0, this.now - hookEnd) / 1000);
        const signalAt = Math.max(this.now, hookEnd);
        c.awaitingTurn = false;
        c.preStopDoneAt = undefined;
        c.killDeadline = signalAt + Math.max(2, graceS - spentS) * 1000;
        if (signalAt > this.now) c.sigtermAt = signalAt;
        else c.proc.signal("stop", this.now);
        c.probes = [];
        signalled = true;
        break;
      }
      if (!signalled) break;
    }
    for (const c of all) {
      c.retryAt = undefined;
      c.restarting = false;
      // ShouldContainerBeRestarted is false now: a container that was backing off shows its exit.
      if (c.terminated && !c.proc) c.waiting = undefined;
    }
    return all.every((c) => !c.proc);
  }

  /** spec.activeDeadlineSeconds counted from status.startTime; when it ends, if set. */
  private activeDeadline(): number | undefined {
    const s = this.pod.spec.activeDeadlineSeconds;
    return s !== undefined && this.rec.startTime !== undefined ? this.rec.startTime + s * 1000 : undefined;
  }

  private pastActiveDeadline(): boolean {
    const d = this.activeDeadline();
    return d !== undefined && this.now >= d;
  }

  /** The next moment this pod needs the kubelet. */
  nextWake(): number | undefined {
    let t: number | undefined;
    const consider = (x: number | undefined) => {
      if (x !== undefined && Number.isFinite(x) && x > this.now && (t === undefined || x < t)) t = x;
    };
    if (!this.rec.failed) consider(this.activeDeadline());
    consider(this.rec.volumeRemountAt);
    for (const c of [...this.rec.initContainers, ...this.rec.containers]) {
      consider(c.retryAt);
      if (c.retryAt !== undefined && c.backOffSyncAt !== undefined && c.backOffSyncAt < c.retryAt) consider(c.backOffSyncAt);
      consider(c.killDeadline);
      consider(c.sigtermAt);
      if (c.proc) {
        consider(c.proc.nextExit()?.at);
        consider(c.proc.nextEvent());
        for (const p of c.probes) consider(probeWake(p));
      }
    }
    return t;
  }
}
