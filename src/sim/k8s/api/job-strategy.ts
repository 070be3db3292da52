// Mirrors pkg/registry/batch/job/strategy.go: unless spec.manualSelector is true, the server
// generates a Job's selector from its uid (generateSelector, run at validation time once the uid
// is assigned) and labels the pod template with the job's name and uid, under both the
// batch.kubernetes.io/ names and the legacy unprefixed ones. A Job stored without labels reads
// back with its template's labels (SetDefaults_Job runs again on every read), so the generated
// labels show on the Job itself too.

type Obj = Record<string, any>;

export const JOB_NAME_LABEL = "batch.kubernetes.io/job-name";
export const CONTROLLER_UID_LABEL = "batch.kubernetes.io/controller-uid";
export const LEGACY_JOB_NAME_LABEL = "job-name";
export const LEGACY_CONTROLLER_UID_LABEL = "controller-uid";

/** generateSelector: template labels and the selector, for a Job whose uid is set. */
export function generateJobSelector(job: Obj): void {
  const spec = (job.spec ??= {}) as Obj;
  if (spec.manualSelector === true) return;
  const tpl = (spec.template ??= {}) as Obj;
  const labels = ((tpl.metadata ??= {}).labels ??= {}) as Record<string, string>;
  for (const k of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!(k in labels)) labels[k] = job.metadata.name;
  for (const k of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) if (!(k in labels)) labels[k] = job.metadata.uid;
  const sel = (spec.selector ??= {}) as Obj;
  const match = (sel.matchLabels ??= {}) as Record<string, string>;
  if (!(CONTROLLER_UID_LABEL in match)) match[CONTROLLER_UID_LABEL] = job.metadata.uid;
}

/** SetDefaults_Job on read: a Job without labels carries its pod template's. */
export function defaultJobLabels(job: Obj): void {
  const labels = job.spec?.template?.metadata?.labels as Record<string, string> | undefined;
  if (labels && Object.keys(labels).length && (!job.metadata.labels || Object.keys(job.metadata.labels).length === 0)) {
    job.metadata.labels = { ...labels };
  }
}
