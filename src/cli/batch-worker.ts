// One grading thread of `clustergrade batch` (see batch-pool.ts): the scenario comes with the
// thread, submissions come one message at a time, each answered with its report.

import { parentPort, workerData } from "node:worker_threads";
import { grade, type Scenario } from "../grading";
import type { WorkerReply, WorkerRequest } from "./batch-pool";

const scenario = (workerData as { scenario: Scenario }).scenario;

parentPort!.on("message", (req: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { index: req.index, report: grade(scenario, req.submission) };
  } catch (e) {
    reply = { index: req.index, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(reply);
});
