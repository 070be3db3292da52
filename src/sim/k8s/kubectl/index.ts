// The `kubectl` program: a cobra-like Cli built from the real kubectl's captured spec, with one
// handler per command path (a registry, in the order `kubectl --help` lists them). Flag errors,
// --help and unknown commands are handled generically in kubectl's wording; handlers end early
// by throwing KubectlExit. Without a cluster in the world, commands that need the API server
// print "The connection to the server localhost:8080 was refused …".

import { Cli, type Handler } from "../../cli/command";
import { kubectlDialect } from "../../cli/dialects";
import type { CliSpec } from "../../cli/spec";
import kubectlJson from "../../cli/specs/kubectl.json";
import type { ExecResult, Program } from "../../programs/registry";
import { kubeOf } from "../cluster";
import { runApplyOrCreate } from "./apply";
import { KubectlExit, type KubectlContext } from "./common";
import {
  createConfigMap, createCronJob, createDeployment, createJob, createNamespace, createSecretDockerRegistry,
  createSecretGeneric, createSecretTls, createService, runPod,
} from "./create";
import { runGet } from "./get";
import { VERB_HANDLERS } from "./verbs";
import { contextReachesCluster, withContextNamespace } from "./kubeconfig";
import { EXTRA_HANDLERS } from "./extra-verbs";

const guard = (fn: (ctx: KubectlContext, inv: Parameters<Handler<KubectlContext>["run"]>[1]) => ExecResult): Handler<KubectlContext>["run"] =>
  (ctx, inv) => {
    try {
      return fn(ctx, inv);
    } catch (e) {
      if (e instanceof KubectlExit) return e.result;
      throw e;
    }
  };

/** Command path → handler. */
export const HANDLERS: Record<string, Handler<KubectlContext>> = {
  "kubectl get": { run: guard(runGet) },
  "kubectl apply": { run: guard((c, i) => runApplyOrCreate(c, i, "apply")) },
  "kubectl create": { run: guard((c, i) => runApplyOrCreate(c, i, "create")) },
  "kubectl run": { run: guard(runPod) },
  "kubectl create deployment": { run: guard(createDeployment) },
  "kubectl create namespace": { run: guard(createNamespace) },
  "kubectl create secret generic": { run: guard(createSecretGeneric) },
  "kubectl create secret docker-registry": { run: guard(createSecretDockerRegistry) },
  "kubectl create secret tls": { run: guard(createSecretTls) },
  "kubectl create configmap": { run: guard(createConfigMap) },
  "kubectl create service clusterip": { run: guard(createService("clusterip")) },
  "kubectl create service nodeport": { run: guard(createService("nodeport")) },
  "kubectl create service loadbalancer": { run: guard(createService("loadbalancer")) },
  "kubectl create service externalname": { run: guard(createService("externalname")) },
  "kubectl create job": { run: guard(createJob) },
  "kubectl create cronjob": { run: guard(createCronJob) },
  ...EXTRA_HANDLERS,
  ...Object.fromEntries(Object.entries(VERB_HANDLERS).map(([path, fn]) => [path, { run: guard(fn) }])),
};

let cli: Cli<KubectlContext> | undefined;

function buildCli(): Cli<KubectlContext> {
  const c = new Cli<KubectlContext>(kubectlJson as unknown as CliSpec, kubectlDialect);
  for (const [path, h] of Object.entries(HANDLERS)) c.handle(path, { ...h, run: (ctx, inv) => h.run(ctx, withContextNamespace(ctx, inv)) });
  return c;
}

/** kubectl 1.30 still accepts the deprecated --record (the 1.32 spec we parse with lacks it). */
export const RECORD_DEPRECATED = "Flag --record has been deprecated, --record will be removed in the future\n";

export const kubectlProgram: Program = (ctx, args) => {
  cli ??= buildCli();
  let record = false;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      rest.push(...args.slice(i));
      break;
    }
    if (a === "--record" || a === "--record=true") record = true;
    else if (a === "--record=false") record = false;
    else {
      rest.push(a);
      continue;
    }
  }
  const recordGiven = rest.length !== args.length;
  const world = kubeOf(ctx.world);
  // Copies, not objects with ctx as prototype: a fresh prototype per command costs V8 more.
  const base: KubectlContext = { ...ctx, cluster: world, record };
  // A context naming another cluster (or none) reaches no API server.
  const cluster = world && contextReachesCluster(base) ? world : undefined;
  const kctx: KubectlContext = { ...ctx, cluster, record };
  cluster?.world.settle();
  cluster?.refreshForRead();
  const result = cli.run(kctx, rest);
  cluster?.world.settle();
  if (recordGiven) return { ...result, stderr: RECORD_DEPRECATED + result.stderr };
  return result;
};
