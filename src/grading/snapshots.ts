// Booting a scenario's cluster and running its setup is the same work for every submission: do it
// once per scenario, keep that session untouched, and give each submission a fork of it
// (Session.fork, a deep copy of the world, parts of it copied when first used: a kept stage never
// runs again, and forkable() proved it copyable with a full copy). The fork is exact — same objects, clock, random
// streams, step numbers — so a report is the same bytes as from a fresh boot (the test in
// test/grading/snapshots.test.ts grades every scenario's answers both ways).
//
// Two stages are kept: the booted cluster, and the cluster after setup. A submission forks the
// latest stage it can:
//   - A submission's files are on the machines from the start, so a boot or setup that read or
//     listed the working directory would have seen them. Each stage records every path looked at
//     (VirtualFs.observed); a submission with a file on such a path cannot use that stage.
//   - A stage holding state that cannot be copied (a container running a shell script as PID 1
//     is a suspended generator; src/sim/clone.ts) is not forked.
// From the booted stage, setup runs again in the fork; with neither stage usable the submission is
// graded from a fresh boot, as it would be without any of this.

import { Session, type Step } from "../sim";
import { UncloneableError } from "../sim/clone";
import { VirtualFs } from "../sim/fs";
import type { Scenario } from "./schema";

interface Stage {
  /** The stage's session: never run again, only forked; undefined when it cannot be copied. */
  session?: Session;
  /** Paths looked at so far (boot, and setup for the second stage). */
  observed: Set<string>;
}

interface Template {
  booted: Stage;
  /** After setup (the same as booted, with no steps, when the scenario has no setup). */
  ready: Stage & { setup: Step[] };
  /** Machines present at boot: the ones a submission's files are placed on. */
  bootHosts: string[];
}

const templates = new WeakMap<Scenario, Template>();

export interface Prepared {
  session: Session;
  /** The setup's steps (the same steps a fresh run prints). */
  setup: Step[];
}

/** A session where the scenario's setup has run and the submission's files are in place. */
export function prepare(scenario: Scenario, files: Record<string, string>): Prepared {
  const t = templates.get(scenario) ?? build(scenario);
  const root = new VirtualFs();
  const paths = Object.keys(files).map((p) => root.resolve(p));
  const usable = (stage: Stage) => stage.session && !paths.some((p) => VirtualFs.sawPath(stage.observed, p));
  if (usable(t.ready)) return { session: placeFiles(t.ready.session!.fork({ deferred: true }), t.bootHosts, files), setup: t.ready.setup };
  if (usable(t.booted)) {
    const session = placeFiles(t.booted.session!.fork({ deferred: true }), t.bootHosts, files);
    return { session, setup: scenario.setup ? session.run(scenario.setup, { allowSim: true }) : [] };
  }
  return fresh(scenario, files);
}

/** The kept sessions of a scenario's template (tests check that grading never changes them). */
export function preparedSessions(scenario: Scenario): Session[] {
  const t = templates.get(scenario) ?? build(scenario);
  return [t.booted.session, t.ready.session].filter((s): s is Session => s !== undefined);
}

/** The slow path: boot and set up with the submission's files present from the start. */
export function fresh(scenario: Scenario, files: Record<string, string>): Prepared {
  const session = new Session({
    parsedCluster: scenario.cluster,
    seed: scenario.id,
    startTime: scenario.startTime,
    files: { ...scenario.files, ...files },
  });
  const setup = scenario.setup ? session.run(scenario.setup, { allowSim: true }) : [];
  return { session, setup };
}

function build(scenario: Scenario): Template {
  const observed = new Set<string>();
  const boot = new Session({
    parsedCluster: scenario.cluster,
    seed: scenario.id,
    startTime: scenario.startTime,
    files: { ...scenario.files },
    observeFiles: observed,
  });
  const bootHosts = boot.world.hosts.map((h) => h.name);
  const booted: Stage = { session: forkable(boot, observed), observed: new Set(observed) };

  let ready: Template["ready"];
  if (!scenario.setup) {
    ready = { ...booted, setup: [] };
  } else {
    // Setup runs in a fork of the booted stage when there is one (the booted stage stays as it
    // is), else in the boot session itself, still observing.
    const session = booted.session ? booted.session.fork({ deferred: true }) : boot;
    for (const h of session.world.hosts) h.fs.observed = observed;
    const setup = session.run(scenario.setup, { allowSim: true });
    ready = { session: forkable(session, observed), observed, setup };
  }
  const t: Template = { booted, ready, bootHosts };
  templates.set(scenario, t);
  return t;
}

/** The session, no longer observing files, if its world can be copied (tried once here). */
function forkable(session: Session, observed: Set<string>): Session | undefined {
  for (const h of session.world.hosts) if (h.fs.observed === observed) h.fs.observed = undefined;
  try {
    session.fork();
    return session;
  } catch (e) {
    if (e instanceof UncloneableError) return undefined;
    throw e;
  }
}

function placeFiles(session: Session, hosts: string[], files: Record<string, string>): Session {
  for (const name of hosts) {
    const fs = session.world.host(name)!.fs;
    const cwd = fs.cwd;
    fs.cwd = "/root";
    for (const [p, content] of Object.entries(files)) fs.write(p, content);
    fs.cwd = cwd;
  }
  return session;
}
