// Booting a scenario's cluster and running its setup is the same work for every submission: do it
// once per scenario, keep that session untouched, and give each submission a fork of it
// (Session.fork, a deep copy of the world). The fork is exact — same objects, clock, random
// streams, step numbers — so a report is the same bytes as from a fresh boot (the test in
// test/grading/snapshots.test.ts grades every scenario's answers both ways).
//
// One thing could tell the two apart: a submission's files are on the machines from the start,
// so a setup that reads or lists the working directory would see them. The template is built
// without them while recording every path setup (and boot) looked at; a submission whose files
// lie on such a path is graded from a fresh boot instead.

import { Session, type Step } from "../sim";
import { VirtualFs } from "../sim/fs";
import type { Scenario } from "./schema";

interface Template {
  /** The prepared session: never run again, only forked. */
  session: Session;
  setup: Step[];
  /** Machines present at boot: the ones a submission's files are placed on. */
  bootHosts: string[];
  /** Paths boot and setup looked at (VirtualFs.observed). */
  observed: Set<string>;
}

const templates = new WeakMap<Scenario, Template>();

export interface Prepared {
  session: Session;
  /** The setup's steps (from the template: the same steps a fresh run prints). */
  setup: Step[];
}

/** A session where the scenario's setup has run and the submission's files are in place. */
export function prepare(scenario: Scenario, files: Record<string, string>): Prepared {
  const t = templates.get(scenario) ?? build(scenario);
  const paths = Object.keys(files);
  const root = new VirtualFs();
  if (paths.some((p) => VirtualFs.sawPath(t.observed, root.resolve(p)))) return fresh(scenario, files);
  const session = t.session.fork();
  for (const name of t.bootHosts) {
    const fs = session.world.host(name)!.fs;
    const cwd = fs.cwd;
    fs.cwd = root.cwd;
    for (const p of paths) fs.write(p, files[p]!);
    fs.cwd = cwd;
  }
  return { session, setup: t.setup };
}

function build(scenario: Scenario): Template {
  const observed = new Set<string>();
  const session = new Session({
    parsedCluster: scenario.cluster,
    seed: scenario.id,
    startTime: scenario.startTime,
    files: { ...scenario.files },
    observeFiles: observed,
  });
  const setup = scenario.setup ? session.run(scenario.setup, { allowSim: true }) : [];
  const bootHosts: string[] = [];
  for (const h of session.world.hosts) {
    if (h.fs.observed === observed) bootHosts.push(h.name);
    h.fs.observed = undefined;
  }
  const t: Template = { session, setup, bootHosts, observed };
  templates.set(scenario, t);
  return t;
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
