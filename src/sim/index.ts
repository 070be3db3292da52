// The simulator's front door: builds a world from a cluster spec, wires the programs (docker,
// kubectl, sim, coreutils) and replays scripts into transcripts (DESIGN.md §1).

import { cloneGraph } from "./clone";
import { DEFAULT_START_TIME } from "./clock";
import { clusterSpecSchema, DEFAULT_CLUSTER, expandHosts, type ClusterSpec, type ClusterSpecInput } from "./cluster-spec";
import { registerDocker, initSwarm } from "./docker";
import { registerKubectl, initKubernetes } from "./k8s";
import { registerCoreutils } from "./programs/coreutils";
import { ProgramRegistry } from "./programs/registry";
import { simProgram } from "./programs/sim";
import { Shell, type Step } from "./shell/interpreter";
import { World } from "./world";

export type { Step } from "./shell/interpreter";
export { World } from "./world";

export interface Transcript {
  steps: Step[];
  clock: string;
  /** Simulator notes (budgets hit); absent when there are none. */
  warnings?: string[];
}

export const LIMITS = {
  /** Command lines in one script. */
  steps: 2_000,
};

function buildPrograms(): ProgramRegistry {
  const reg = new ProgramRegistry();
  registerCoreutils(reg);
  registerDocker(reg);
  registerKubectl(reg);
  reg.register("sim", simProgram);
  return reg;
}

let programs: ProgramRegistry | undefined;

export interface SessionOptions {
  cluster?: ClusterSpecInput | ClusterSpec;
  /** A cluster spec already validated (a loaded scenario's): skips parsing it again. */
  parsedCluster?: ClusterSpec;
  /** Seeds every ID; a scenario's id. */
  seed: string;
  /** ISO time the virtual clock starts at. */
  startTime?: string;
  /** Working-directory files (the submission's files), present on every machine. */
  files?: Record<string, string>;
  /** Records every path the machines' file systems are asked about (see VirtualFs.observed). */
  observeFiles?: Set<string>;
}

/** A world plus the means to run scripts in it. */
export class Session {
  readonly world: World;
  private readonly programs: ProgramRegistry;
  private stepCount = 0;

  constructor(opts: SessionOptions | { world: World; stepCount: number }) {
    this.programs = programs ??= buildPrograms();
    if ("world" in opts) {
      this.world = opts.world;
      this.stepCount = opts.stepCount;
      return;
    }
    const spec: ClusterSpec = opts.parsedCluster ?? clusterSpecSchema.parse(opts.cluster ?? DEFAULT_CLUSTER);
    this.world = new World({
      startTime: Date.parse(opts.startTime ?? DEFAULT_START_TIME),
      seed: opts.seed,
      config: { images: spec.images },
    });
    for (const h of expandHosts(spec)) this.world.addHost(h, opts.files).fs.observed = opts.observeFiles;
    if (spec.swarm) initSwarm(this.world, spec.swarm);
    if (spec.kubernetes) initKubernetes(this.world, spec.kubernetes);
    this.world.settle();
  }

  /**
   * An independent copy of this session: its world deep-copied (src/sim/clone.ts), so the copy
   * goes on exactly as this one would, and this one stays as it is. `deferred` copies parts of it
   * only when the copy first uses them (clone.ts DeferredCopyMap): only for a session that is never
   * run again and that a full fork has proved copyable (grading's kept stages).
   */
  fork(opts: { deferred?: boolean } = {}): Session {
    return new Session({ world: cloneGraph(this.world, { defer: opts.deferred }), stepCount: this.stepCount });
  }

  /** Runs a script in a fresh shell on the first machine; returns one step per line. */
  run(script: string, opts: { allowSim: boolean; maxSteps?: number; host?: string }): Step[] {
    const host = (opts.host && this.world.host(opts.host)) || this.world.hosts[0]!;
    const shell = new Shell(this.world, this.programs, host, { allowSim: opts.allowSim });
    const steps = shell.run(script, this.stepCount, opts.maxSteps ?? LIMITS.steps);
    this.stepCount += steps.length;
    return steps;
  }

  transcript(steps: Step[]): Transcript {
    const t: Transcript = { steps, clock: this.world.clock.iso() };
    if (this.world.warnings.length) t.warnings = [...this.world.warnings];
    return t;
  }
}

/** `clustergrade replay`: runs an instructor-level script (sim allowed) and returns its transcript. */
export function replay(script: string, opts: SessionOptions): { transcript: Transcript; session: Session } {
  const session = new Session(opts);
  const steps = session.run(script, { allowSim: true });
  return { transcript: session.transcript(steps), session };
}
