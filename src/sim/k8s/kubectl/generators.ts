// The objects kubectl's imperative commands build client-side (kubectl run, create deployment|
// namespace|secret|configmap|service|job|cronjob|ingress), field for field and in Go struct
// order, so `--dry-run=client -o yaml|json` prints exactly what the real client prints.

type Obj = Record<string, any>;

export function meta(name: string, labels?: Record<string, string>, extra: Obj = {}): Obj {
  return { name, creationTimestamp: null, ...(labels ? { labels } : {}), ...extra };
}

export interface RunOptions {
  name: string;
  image: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  env: { name: string; value: string }[];
  port?: number;
  restart: string;
  pullPolicy?: string;
  args: string[];
  command: boolean;
  privileged?: boolean;
}

export function podFor(o: RunOptions): Obj {
  const container: Obj = { name: o.name, image: o.image };
  if (o.args.length) container[o.command ? "command" : "args"] = o.args;
  if (o.port !== undefined && o.port >= 0) container.ports = [{ containerPort: o.port }];
  // EnvVar.value is omitempty: `--env=B=` gives a bare `name: B`.
  if (o.env.length) container.env = o.env.map((e) => (e.value === "" ? { name: e.name } : e));
  container.resources = {};
  if (o.pullPolicy) container.imagePullPolicy = o.pullPolicy;
  if (o.privileged) container.securityContext = { privileged: true };
  return {
    kind: "Pod",
    apiVersion: "v1",
    metadata: meta(o.name, o.labels ?? { run: o.name }, o.annotations && Object.keys(o.annotations).length ? { annotations: o.annotations } : {}),
    spec: { containers: [container], restartPolicy: o.restart, dnsPolicy: "ClusterFirst" },
    status: {},
  };
}

/** create deployment's container name: basename of the image without tag/digest; `_`/`.` → `-` + suffix. */
export function containerNameFromImage(image: string, suffix: () => string): string {
  let n = image.slice(image.lastIndexOf("/") + 1);
  n = n.split("@")[0]!.split(":")[0]!;
  if (/[_.]/.test(n)) n = `${n.replace(/[_.]/g, "-")}-${suffix()}`;
  return n;
}

export function deploymentFor(name: string, images: string[], replicas: number, port: number | undefined, command: string[], suffix: () => string): Obj {
  const labels = { app: name };
  const containers = images.map((image, i) => {
    const c: Obj = { name: containerNameFromImage(image, suffix), image };
    if (i === 0 && command.length) c.command = command;
    if (i === 0 && port !== undefined && port >= 0) c.ports = [{ containerPort: port }];
    c.resources = {};
    return c;
  });
  return {
    kind: "Deployment",
    apiVersion: "apps/v1",
    metadata: meta(name, labels),
    spec: {
      replicas,
      selector: { matchLabels: { ...labels } },
      template: { metadata: { creationTimestamp: null, labels: { ...labels } }, spec: { containers } },
      strategy: {},
    },
    status: {},
  };
}

export function namespaceFor(name: string): Obj {
  return { kind: "Namespace", apiVersion: "v1", metadata: meta(name), spec: {}, status: {} };
}

export function secretFor(name: string, data: Record<string, string>, type?: string): Obj {
  const sorted: Record<string, string> = {};
  for (const k of Object.keys(data).sort()) sorted[k] = data[k]!;
  // An empty map is left out (omitempty), as an empty data map never reaches the printer or server.
  return { kind: "Secret", apiVersion: "v1", metadata: meta(name), ...(Object.keys(sorted).length ? { data: sorted } : {}), ...(type ? { type } : {}) };
}

export function configMapFor(name: string, data: Record<string, string>): Obj {
  const sorted: Record<string, string> = {};
  for (const k of Object.keys(data).sort()) sorted[k] = data[k]!;
  return { kind: "ConfigMap", apiVersion: "v1", metadata: meta(name), ...(Object.keys(sorted).length ? { data: sorted } : {}) };
}

export interface ServicePortSpec {
  port: number;
  targetPort: number;
  name: string;
}

export function serviceFor(name: string, type: string, ports: ServicePortSpec[], opts: { clusterIP?: string; nodePort?: number; externalName?: string }): Obj {
  const labels = { app: name };
  const spec: Obj = {};
  if (ports.length) {
    spec.ports = ports.map((p) => ({
      name: p.name, protocol: "TCP", port: p.port, targetPort: p.targetPort,
      ...(opts.nodePort ? { nodePort: opts.nodePort } : {}),
    }));
  }
  spec.selector = { ...labels };
  if (opts.clusterIP !== undefined) spec.clusterIP = opts.clusterIP;
  spec.type = type;
  if (opts.externalName) spec.externalName = opts.externalName;
  return { kind: "Service", apiVersion: "v1", metadata: meta(name, labels), spec, status: { loadBalancer: {} } };
}

export function jobFor(name: string, image: string, command: string[]): Obj {
  const c: Obj = { name, image };
  if (command.length) c.command = command;
  c.resources = {};
  return {
    kind: "Job", apiVersion: "batch/v1", metadata: meta(name),
    spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [c], restartPolicy: "Never" } } },
    status: {},
  };
}

/** `restart`: --restart as given, unchecked (the server validates it); OnFailure when empty. */
export function cronJobFor(name: string, image: string, schedule: string, command: string[], restart = "OnFailure"): Obj {
  const c: Obj = { name, image };
  if (command.length) c.command = command;
  c.resources = {};
  return {
    kind: "CronJob", apiVersion: "batch/v1", metadata: meta(name),
    spec: {
      schedule,
      jobTemplate: {
        metadata: { name, creationTimestamp: null },
        spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [c], restartPolicy: restart } } },
      },
    },
    status: {},
  };
}

/** Strips the client-only `creationTimestamp: null` and empty status before sending to the server. */
export function forServer(obj: Obj): Obj {
  const c = JSON.parse(JSON.stringify(obj)) as Obj;
  const walk = (o: unknown) => {
    if (!o || typeof o !== "object") return;
    if (Array.isArray(o)) return o.forEach(walk);
    const r = o as Obj;
    if (r.creationTimestamp === null) delete r.creationTimestamp;
    for (const v of Object.values(r)) walk(v);
  };
  walk(c);
  if (c.status && Object.keys(c.status).length === 0) delete c.status;
  if (c.kind === "Service") delete c.status;
  return c;
}
