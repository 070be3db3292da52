// Inputs that currently crash, hang or exhaust the memory of the simulator (found by the fuzzers
// here; details and stack traces in /tmp/perf-findings.md, routed to the owners). The fuzz tests
// ignore problems matching these so CI stays green; each one also has a skipped repro test in
// known-crashers.test.ts: once the owner has fixed it, move its script into the hand-picked list
// of argv-fuzz.test.ts (so it stays covered) and delete its entry here.

import type { KnownCrasher } from "./harness";

export const KNOWN_CRASHERS: KnownCrasher[] = [
];
