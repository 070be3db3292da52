// Grading many submissions of one scenario on several cores: worker threads each prepare the
// scenario once (boot + setup, as a warm Worker isolate does) and grade the submissions handed to
// them one at a time, so a slow submission does not hold up a fixed share of the others. Grades are
// independent and deterministic, so the reports are the same, in the same order, whatever the
// number of threads. Small batches stay in this thread: starting a thread (loading the simulator)
// costs more than a few dozen grades.

import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { grade, type GradeReport, type Scenario, type Submission } from "../grading";

/** Submissions per thread below which another thread does not pay for its start. */
export const SUBMISSIONS_PER_THREAD = 40;
const MAX_THREADS = 16;

/** How many threads to use for `count` submissions when `requested` (--jobs) may be unset. */
export function threadsFor(count: number, requested?: number): number {
  const want = requested ?? Math.min(availableParallelism(), MAX_THREADS);
  return Math.max(1, Math.min(want, MAX_THREADS, Math.floor(count / SUBMISSIONS_PER_THREAD)));
}

export interface WorkerRequest {
  index: number;
  submission: Submission;
}

export type WorkerReply = { index: number; report: GradeReport } | { index: number; error: string };

/** Grades every submission (in order of the result array) on `threads` threads. */
export async function gradeAll(
  scenario: Scenario,
  submissions: Submission[],
  threads: number,
  onDone?: (index: number) => void,
): Promise<GradeReport[]> {
  if (threads <= 1) {
    return submissions.map((s, i) => {
      const report = grade(scenario, s);
      onDone?.(i);
      return report;
    });
  }
  const reports = new Array<GradeReport>(submissions.length);
  let next = 0;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let remaining = submissions.length;
      const feed = (w: Worker) => {
        if (next >= submissions.length) return;
        const request: WorkerRequest = { index: next, submission: submissions[next]! };
        next++;
        w.postMessage(request);
      };
      for (let t = 0; t < threads; t++) {
        const w = new Worker(new URL("../../bin/batch-worker.mjs", import.meta.url), { workerData: { scenario } });
        workers.push(w);
        w.on("message", (reply: WorkerReply) => {
          if ("error" in reply) return reject(new Error(`grading submission ${reply.index + 1} failed: ${reply.error}`));
          reports[reply.index] = reply.report;
          onDone?.(reply.index);
          if (--remaining === 0) resolve();
          else feed(w);
        });
        w.on("error", reject);
        w.on("exit", (code) => { if (code !== 0 && remaining > 0) reject(new Error(`a grading thread stopped (exit ${code})`)); });
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return reports;
}
