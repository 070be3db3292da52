// `kubectl create` generators and `kubectl run`, with their client-side validation errors
// (kubernetes.md §2.2–2.3, checked against kubectl 1.32).

import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { isConfigMapKey, isValidPortName } from "../api/validation/names";
import { utf8ToBase64 } from "../api/server";
import { atoi, fail, namespaceOf, parseLabelSpec, resolveType, server, statusText, usageError, type KubectlContext } from "./common";
import { configMapFor, cronJobFor, deploymentFor, jobFor, namespaceFor, podFor, secretFor, serviceFor, type ServicePortSpec } from "./generators";
import { emitObjects, plainError, required, wrapped } from "./imperative";
import { applyOverrides } from "./overrides";
import { REFERENCE } from "./debug";
import { isInteractiveShell, runAttached } from "./run-attach";

type Obj = Record<string, any>;

/**
 * Flags the command marks required (cobra.MarkFlagRequired): checked before the command runs,
 * on whether they were given at all, all missing ones named in one message.
 */
function cobraRequired(inv: Invocation, flags: string[]): void {
  const missing = flags.filter((f) => !inv.flags.changed(f));
  if (missing.length) fail(`error: required flag(s) ${missing.map((f) => `"${f}"`).join(", ")} not set`);
}

function exactlyOneName(inv: Invocation): string {
  const n = inv.argsLenAtDash >= 0 ? inv.argsLenAtDash : inv.args.length;
  if (n !== 1) usageError(inv, `exactly one NAME is required, got ${n}`);
  return inv.args[0]!;
}

function afterDash(inv: Invocation): string[] {
  return inv.argsLenAtDash >= 0 ? inv.args.slice(inv.argsLenAtDash) : [];
}

export function createDeployment(ctx: KubectlContext, inv: Invocation): ExecResult {
  cobraRequired(inv, ["image"]);
  const name = exactlyOneName(inv);
  // An --image given empty passes cobra's required check and makes a template with no
  // containers (the server then refuses it).
  const images = inv.flags.list("image");
  const command = afterDash(inv);
  if (images.length > 1 && command.length) fail("error: cannot specify multiple --image options and command");
  const port = inv.flags.changed("port") ? inv.flags.int("port") : undefined;
  const replicas = inv.flags.changed("replicas") ? inv.flags.int("replicas") : 1;
  const rng = ctx.cluster?.rng ?? ctx.world.rng.fork("kubectl-client");
  const obj = deploymentFor(name, images, replicas, port, command, () => rng.k8sSuffix(5));
  return emitObjects(ctx, inv, [obj], wrapped("failed to create deployment: "));
}

export function createNamespace(ctx: KubectlContext, inv: Invocation): ExecResult {
  const name = exactlyOneName(inv);
  return emitObjects(ctx, inv, [namespaceFor(name)], plainError);
}

/** --from-literal / --from-file / --from-env-file into a key → value map (plain text). */
function collectData(ctx: KubectlContext, inv: Invocation, what: "Secret" | "ConfigMap", name: string): Record<string, string> {
  const data: Record<string, string> = {};
  const literals = inv.flags.list("from-literal");
  const files = inv.flags.list("from-file");
  const envFiles = inv.flags.list("from-env-file");
  if (envFiles.length && (literals.length || files.length)) fail("error: from-env-file cannot be combined with from-file or from-literal");
  const add = (k: string, v: string) => {
    const errs = isConfigMapKey(k);
    // The two generators word it differently: "is not valid key name for a Secret …" but
    // "is not a valid key name for a ConfigMap: …".
    if (errs.length) fail(what === "Secret" ? `error: "${k}" is not valid key name for a Secret ${errs[0]}` : `error: "${k}" is not a valid key name for a ConfigMap: ${errs[0]}`);
    if (k in data) {
      fail(what === "Secret" ? `error: cannot add key ${k}, another key by that name already exists` : `error: cannot add key "${k}", another key by that name already exists in Data for ConfigMap "${name}"`);
    }
    data[k] = v;
  };
  for (const f of files) {
    const eq = f.indexOf("=");
    const key = eq >= 0 ? f.slice(0, eq) : undefined;
    const path = eq >= 0 ? f.slice(eq + 1) : f;
    const fs = ctx.host.fs;
    if (fs.isDir(path) && key === undefined) {
      for (const p of fs.list(path)) add(p.slice(p.lastIndexOf("/") + 1), fs.read(p) ?? "");
      continue;
    }
    const text = fs.read(path);
    if (text === undefined) fail(`error: error reading ${path}: no such file or directory`);
    add(key ?? path.slice(path.lastIndexOf("/") + 1), text);
  }
  for (const l of literals) {
    const eq = l.indexOf("=");
    if (eq <= 0) fail(`error: invalid literal source ${l}, expected key=value`);
    add(l.slice(0, eq), l.slice(eq + 1));
  }
  for (const path of envFiles) {
    const text = ctx.host.fs.read(path);
    if (text === undefined) fail(`error: error reading ${path}: no such file or directory`);
    text.split("\n").forEach((raw, i) => {
      const line = raw.replace(/^\uFEFF/, "").replace(/\r$/, "");
      if (!line.trim() || line.trimStart().startsWith("#")) return;
      const eq = line.indexOf("=");
      const key = (eq >= 0 ? line.slice(0, eq) : line).trimStart();
      if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(key)) fail(`error: "${key}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`);
      void i;
      add(key, eq >= 0 ? line.slice(eq + 1) : ctx.env[key] ?? "");
    });
  }
  return data;
}

export function createSecretGeneric(ctx: KubectlContext, inv: Invocation): ExecResult {
  const name = exactlyOneName(inv);
  const data = collectData(ctx, inv, "Secret", name);
  const enc: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) enc[k] = utf8ToBase64(v);
  const obj = secretFor(name, enc, inv.flags.str("type") || undefined);
  return emitObjects(ctx, inv, [obj], wrapped("failed to create secret "));
}

export function createSecretDockerRegistry(ctx: KubectlContext, inv: Invocation): ExecResult {
  const name = exactlyOneName(inv);
  const user = inv.flags.str("docker-username");
  const pass = inv.flags.str("docker-password");
  const srv = inv.flags.str("docker-server") || "https://index.docker.io/v1/";
  const email = inv.flags.str("docker-email");
  // Validate's plain error (no usage line); --docker-server has a default, so only user and password can be missing.
  if (!inv.flags.list("from-file").length && (!user || !pass)) {
    fail("error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required");
  }
  const auth: Obj = { username: user, password: pass, ...(email ? { email } : {}), auth: utf8ToBase64(`${user}:${pass}`) };
  const json = JSON.stringify({ auths: { [srv]: auth } });
  const obj = secretFor(name, { ".dockerconfigjson": utf8ToBase64(json) }, "kubernetes.io/dockerconfigjson");
  return emitObjects(ctx, inv, [obj], wrapped("failed to create secret "));
}

export function createSecretTls(ctx: KubectlContext, inv: Invocation): ExecResult {
  const name = exactlyOneName(inv);
  const cert = inv.flags.str("cert");
  const key = inv.flags.str("key");
  if (!cert || !key) fail("error: key and cert must be specified");
  const read = (p: string) => {
    const t = ctx.host.fs.read(p);
    if (t === undefined) fail(`error: Cannot read file ${p}, open ${p}: no such file or directory`);
    return t;
  };
  const c = read(cert);
  const k = read(key);
  if (!/-----BEGIN CERTIFICATE-----/.test(c)) fail("error: tls: failed to find any PEM data in certificate input");
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(k)) fail("error: tls: failed to find any PEM data in key input");
  const obj = secretFor(name, { "tls.crt": utf8ToBase64(c), "tls.key": utf8ToBase64(k) }, "kubernetes.io/tls");
  return emitObjects(ctx, inv, [obj], wrapped("failed to create secret "));
}

export function createConfigMap(ctx: KubectlContext, inv: Invocation): ExecResult {
  const name = exactlyOneName(inv);
  const data = collectData(ctx, inv, "ConfigMap", name);
  return emitObjects(ctx, inv, [configMapFor(name, data)], wrapped("failed to create configmap: "));
}

/** strconv.ParseUint(x, 10, 16), as utilsnet.ParsePort calls it. */
function parseUint16(x: string): number {
  if (!/^\d+$/.test(x)) fail(`error: strconv.ParseUint: parsing "${x}": invalid syntax`);
  if (Number(x) > 65535) fail(`error: strconv.ParseUint: parsing "${x}": value out of range`);
  return Number(x);
}

/** create_service.go parsePorts: "PORT[:TARGET]", TARGET a port number or a named (IANA) port. */
function parseTcp(specs: string[]): ServicePortSpec[] {
  return specs.map((s) => {
    const [p, t] = s.split(":");
    const port = parseUint16(p!);
    let targetPort: number | string = port;
    if (t !== undefined) {
      if (/^[+-]?\d+$/.test(t)) {
        targetPort = Number(t);
        if (targetPort < 1 || targetPort > 65535) fail("error: must be between 1 and 65535, inclusive");
      } else {
        const errs = isValidPortName(t);
        if (errs.length) fail(`error: ${errs.join(",")}`);
        targetPort = t;
      }
    }
    // The generator passes targetPort through untouched (an IntOrString on the wire).
    return { port, targetPort: targetPort as number, name: s.replace(/:/g, "-") };
  });
}

const SERVICE_TYPES: Record<string, string> = { clusterip: "ClusterIP", nodeport: "NodePort", loadbalancer: "LoadBalancer", externalname: "ExternalName" };

export function createService(kind: keyof typeof SERVICE_TYPES) {
  return (ctx: KubectlContext, inv: Invocation): ExecResult => {
    if (kind === "externalname") cobraRequired(inv, ["external-name"]);
    const name = exactlyOneName(inv);
    const type = SERVICE_TYPES[kind]!;
    if (type === "ExternalName") {
      const ext = required(inv, "external-name");
      const obj = serviceFor(name, type, parseTcp(inv.flags.list("tcp")), { externalName: ext });
      return emitObjects(ctx, inv, [obj], wrapped(`failed to create ${type} service: `));
    }
    const tcp = inv.flags.list("tcp");
    const opts: { clusterIP?: string; nodePort?: number } = {};
    if (type === "ClusterIP" && inv.flags.changed("clusterip")) opts.clusterIP = inv.flags.str("clusterip");
    // ServiceOptions.Validate: a headless service (--clusterip=None) needs no port.
    if (!tcp.length && opts.clusterIP !== "None") fail("error: at least one tcp port specifier must be provided");
    if (type === "NodePort" && inv.flags.int("node-port") > 0) opts.nodePort = inv.flags.int("node-port");
    const obj = serviceFor(name, type, parseTcp(tcp), opts);
    return emitObjects(ctx, inv, [obj], wrapped(`failed to create ${type} service: `));
  };
}

export function createJob(ctx: KubectlContext, inv: Invocation): ExecResult {
  const name = exactlyOneName(inv);
  const image = inv.flags.str("image");
  const from = inv.flags.str("from");
  if (!image === !from) fail("error: either --image or --from must be specified");
  if (from && afterDash(inv).length) fail("error: cannot specify --from and command");
  if (from) return emitObjects(ctx, inv, [jobFromCronJob(ctx, inv, name, from)], wrapped("failed to create job: "));
  return emitObjects(ctx, inv, [jobFor(name, image, afterDash(inv))], wrapped("failed to create job: "));
}

/**
 * createJobFromCronJob: the CronJob's job template with the annotation
 * cronjob.kubernetes.io/instantiate=manual and a controller reference to the CronJob (without
 * blockOwnerDeletion, which would need the cronjobs/finalizers permission).
 */
function jobFromCronJob(ctx: KubectlContext, inv: Invocation, name: string, from: string): Record<string, unknown> {
  const slash = from.indexOf("/");
  if (slash <= 0 || slash === from.length - 1) fail(`error: arguments in resource/name form must have a single resource and name`);
  const info = resolveType(from.slice(0, slash));
  if (info.kind !== "CronJob") fail(`error: unknown object type ${info.kind}`);
  let cj: Record<string, any>;
  try {
    cj = server(ctx).api.get(info, namespaceOf(inv), from.slice(slash + 1)) as Record<string, any>;
  } catch (e) {
    fail(statusText(e));
  }
  const tpl = cj.spec?.jobTemplate ?? {};
  return {
    apiVersion: "batch/v1", kind: "Job",
    metadata: {
      name,
      annotations: { "cronjob.kubernetes.io/instantiate": "manual", ...(tpl.metadata?.annotations ?? {}) },
      ...(tpl.metadata?.labels ? { labels: { ...tpl.metadata.labels } } : {}),
      ownerReferences: [{ apiVersion: "batch/v1", kind: "CronJob", name: cj.metadata.name, uid: cj.metadata.uid, controller: true }],
    },
    spec: structuredClone(tpl.spec ?? {}),
  };
}

export function createCronJob(ctx: KubectlContext, inv: Invocation): ExecResult {
  cobraRequired(inv, ["image", "schedule"]);
  const name = exactlyOneName(inv);
  const image = required(inv, "image");
  const schedule = required(inv, "schedule");
  return emitObjects(ctx, inv, [cronJobFor(name, image, schedule, afterDash(inv), inv.flags.str("restart") || "OnFailure")], wrapped("failed to create cronjob: "));
}

const RESTART = ["Always", "OnFailure", "Never"];
const PULL = ["Always", "IfNotPresent", "Never"];

export function runPod(ctx: KubectlContext, inv: Invocation): ExecResult {
  cobraRequired(inv, ["image"]);
  if (inv.args.length === 0 || inv.argsLenAtDash === 0) usageError(inv, "NAME is required for run");
  const name = inv.args[0]!;
  const image = inv.flags.str("image");
  if (!image) fail("error: --image is required");
  if (!REFERENCE.test(image)) fail(`error: Invalid image name "${image}": invalid reference format`);
  // RunOptions.Run's checks, in its order.
  const interactive = inv.flags.bool("stdin");
  const tty = inv.flags.bool("tty");
  const attach = inv.flags.changed("attach") ? inv.flags.bool("attach") : interactive;
  if (tty && !interactive) usageError(inv, "-i/--stdin is required for containers with -t/--tty=true");
  if (inv.flags.bool("expose") && !inv.flags.changed("port")) usageError(inv, "--port must be set when exposing a service");
  const restart = inv.flags.str("restart") || (interactive ? "OnFailure" : "Always");
  if (!RESTART.includes(restart)) usageError(inv, `invalid restart policy: ${restart}`);
  const remove = inv.flags.bool("rm");
  if (!attach && remove) usageError(inv, "--rm should only be used for attached containers");
  if (attach && inv.flags.changed("dry-run") && inv.flags.str("dry-run") !== "none") {
    usageError(inv, "--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
  }
  const pull = inv.flags.str("image-pull-policy");
  if (pull && !PULL.includes(pull)) usageError(inv, `invalid image pull policy: ${pull}`);
  if (attach && isInteractiveShell(inv.args.slice(1), interactive)) {
    fail("error: clustergrade: an interactive shell (`kubectl run -it … sh`) waits for typing and is not replayed; give it a command (`-- sh -c '…'`) or create the pod and use `kubectl exec`");
  }
  // BasicPod.Generate's order: the env, the labels (generate.ParseLabels), the annotations,
  // then the port (strconv.Atoi).
  const env = inv.flags.list("env").map((e) => {
    const i = e.indexOf("=");
    if (i < 0) fail(`error: invalid env: ${e}`);
    return { name: e.slice(0, i), value: e.slice(i + 1) };
  });
  const labels = inv.flags.str("labels");
  const parsedLabels: Record<string, string> | undefined = labels ? parseLabelSpec(labels) : undefined;
  const annotations: Record<string, string> = {};
  for (const a of inv.flags.list("annotations")) {
    const i = a.indexOf("=");
    if (i < 0) fail(`error: invalid annotations format: ${a}`);
    annotations[a.slice(0, i)] = a.slice(i + 1);
  }
  const port = inv.flags.str("port") ? atoi(inv.flags.str("port")) : undefined;
  const pod = podFor({
    name, image, labels: parsedLabels, annotations, env,
    port,
    restart, pullPolicy: pull || undefined, args: inv.args.slice(1), command: inv.flags.bool("command"), privileged: inv.flags.bool("privileged"),
  });
  const objs: Obj[] = [];
  if (inv.flags.bool("expose") && port !== undefined) {
    objs.push({
      kind: "Service", apiVersion: "v1", metadata: { name, creationTimestamp: null },
      spec: { ports: [{ protocol: "TCP", port, targetPort: port }], selector: { ...(parsedLabels ?? { run: name }) } },
      status: { loadBalancer: {} },
    });
  }
  if (interactive || tty) {
    const c = (pod.spec as Obj).containers[0] as Obj;
    if (interactive) Object.assign(c, { stdin: true, stdinOnce: !inv.flags.bool("leave-stdin-open") });
    if (tty) c.tty = true;
  }
  objs.push(applyOverrides(inv, pod));
  if (attach) return runAttached(ctx, inv, objs, { restart, remove, interactive, tty });
  return emitObjects(ctx, inv, objs, plainError, { extraYamlSeparator: true });
}
