// The container sections of kubectl describe (DescribeContainers / describeContainerBasicInfo,
// probes, env, mounts), shared by pods (with status) and pod templates (without).

import { canonicalQuantity, milliValue, unitValue } from "../../api/quantity";
import { DescribeWriter, or, rfc1123z, type Obj } from "./writer";

function portText(c: Obj, host: boolean): string {
  const ports = (c.ports ?? []) as Obj[];
  if (!ports.length) return "<none>";
  return ports.map((p) => `${host ? p.hostPort ?? 0 : p.containerPort}/${p.protocol ?? "TCP"}`).join(", ");
}

export function probeText(p: Obj): string {
  let h = "unknown";
  if (p.httpGet) {
    const g = p.httpGet;
    const url = `${String(g.scheme ?? "HTTP").toLowerCase()}://${g.host ?? ""}:${g.port}${g.path ?? ""}`;
    h = `http-get ${url}`;
  } else if (p.tcpSocket) h = `tcp-socket ${p.tcpSocket.host ?? ""}:${p.tcpSocket.port}`;
  else if (p.exec) h = `exec [${(p.exec.command ?? []).join(" ")}]`;
  else if (p.grpc) h = `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ""}`;
  return `${h} delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
}

function writeState(w: DescribeWriter, level: number, label: string, state: Obj | undefined): void {
  if (!state || Object.keys(state).length === 0) {
    w.write(level, `${label}\tWaiting`);
    return;
  }
  if (state.running) {
    w.write(level, `${label}\tRunning`);
    w.write(level + 1, `Started:\t${rfc1123z(state.running.startedAt)}`);
  } else if (state.waiting) {
    w.write(level, `${label}\tWaiting`);
    if (state.waiting.reason) w.write(level + 1, `Reason:\t${state.waiting.reason}`);
  } else if (state.terminated) {
    const t = state.terminated;
    w.write(level, `${label}\tTerminated`);
    if (t.reason) w.write(level + 1, `Reason:\t${t.reason}`);
    if (t.message) w.write(level + 1, `Message:\t${t.message}`);
    w.write(level + 1, `Exit Code:\t${t.exitCode ?? 0}`);
    if (t.signal) w.write(level + 1, `Signal:\t${t.signal}`);
    w.write(level + 1, `Started:\t${rfc1123z(t.startedAt)}`);
    w.write(level + 1, `Finished:\t${rfc1123z(t.finishedAt)}`);
  }
}

function writeResources(w: DescribeWriter, level: number, c: Obj): void {
  for (const [label, key] of [["Limits:", "limits"], ["Requests:", "requests"]] as const) {
    const m = (c.resources?.[key] ?? {}) as Obj;
    const keys = Object.keys(m).sort();
    if (!keys.length) continue;
    w.write(level, label);
    for (const k of keys) w.write(level + 1, `${k}:\t${canonicalQuantity(m[k])}`);
  }
}

/**
 * The value kubectl shows for a fieldRef: only for a pod (templates show nothing), and only for
 * the paths its scheme converts (metadata.name, metadata.namespace); others show empty.
 */
function fieldRefValue(pod: Obj | undefined, path: string): string {
  if (!pod) return "";
  if (path === "metadata.name") return pod.metadata?.name ?? "";
  if (path === "metadata.namespace") return pod.metadata?.namespace ?? "";
  return "";
}

/** resourcehelper.ExtractContainerResourceValue: the container's own request/limit over the
 *  divisor (default 1), rounded up; a zero CPU/memory limit reads "node allocatable". */
function resourceFieldValue(c: Obj, ref: Obj): string {
  const m = /^(limits|requests)\.(cpu|memory|ephemeral-storage)$/.exec(ref.resource ?? "");
  if (!m) return "";
  const q = c.resources?.[m[1]!]?.[m[2]!] ?? "0";
  const divisor = ref.divisor ?? "1";
  let v: number;
  try {
    v = m[2] === "cpu" ? Math.ceil(milliValue(q) / milliValue(divisor)) : Math.ceil(unitValue(q) / unitValue(divisor));
  } catch {
    return "";
  }
  if (v === 0 && m[1] === "limits" && m[2] !== "ephemeral-storage") return "node allocatable";
  return String(v);
}

function writeEnv(w: DescribeWriter, level: number, c: Obj, pod: Obj | undefined): void {
  const envFrom = (c.envFrom ?? []) as Obj[];
  if (envFrom.length) {
    w.write(level, "Environment Variables from:");
    for (const e of envFrom) {
      const ref = e.configMapRef ?? e.secretRef;
      const kind = e.configMapRef ? "ConfigMap" : "Secret";
      const prefix = e.prefix ? ` with prefix '${e.prefix}'` : "";
      w.write(level + 1, `${ref?.name}\t${kind}${prefix}\tOptional: ${ref?.optional ? "true" : "false"}`);
    }
  }
  const env = (c.env ?? []) as Obj[];
  if (!env.length) {
    w.write(level, "Environment:\t<none>");
    return;
  }
  w.write(level, "Environment:");
  for (const e of env) {
    const vf = e.valueFrom;
    if (!vf) w.write(level + 1, `${e.name}:\t${e.value ?? ""}`);
    else if (vf.secretKeyRef) w.write(level + 1, `${e.name}:\t<set to the key '${vf.secretKeyRef.key}' in secret '${vf.secretKeyRef.name}'>\tOptional: ${vf.secretKeyRef.optional ? "true" : "false"}`);
    else if (vf.configMapKeyRef) w.write(level + 1, `${e.name}:\t<set to the key '${vf.configMapKeyRef.key}' of config map '${vf.configMapKeyRef.name}'>\tOptional: ${vf.configMapKeyRef.optional ? "true" : "false"}`);
    else if (vf.fieldRef) w.write(level + 1, `${e.name}:\t${fieldRefValue(pod, vf.fieldRef.fieldPath)} (${vf.fieldRef.apiVersion ?? "v1"}:${vf.fieldRef.fieldPath})`);
    else if (vf.resourceFieldRef) w.write(level + 1, `${e.name}:\t${resourceFieldValue(c, vf.resourceFieldRef)} (${vf.resourceFieldRef.resource})`);
  }
}

function writeMounts(w: DescribeWriter, level: number, c: Obj): void {
  const mounts = (c.volumeMounts ?? []) as Obj[];
  if (!mounts.length) {
    w.write(level, "Mounts:\t<none>");
    return;
  }
  w.write(level, "Mounts:");
  for (const m of [...mounts].sort((a, b) => (a.mountPath < b.mountPath ? -1 : 1))) {
    const flags = [m.readOnly ? "ro" : "rw", ...(m.subPath ? [`path="${m.subPath}"`] : [])].join(",");
    w.write(level + 1, `${m.mountPath} from ${m.name} (${flags})`);
  }
}

/** Containers of a pod (with statuses) or a template (statuses undefined). */
export function writeContainers(w: DescribeWriter, level: number, title: string, containers: Obj[], statuses: Obj[] | undefined, template: boolean, pod?: Obj): void {
  w.write(level, title);
  for (const c of containers) {
    const st = statuses?.find((s) => s.name === c.name);
    w.write(level + (template ? 0 : 1), `${template ? " " : ""}${c.name}:`);
    const l = level + (template ? 1 : 2);
    // Status lines only for a container that has a status (an unscheduled pod's have none).
    const ok = !template && st !== undefined;
    if (ok) w.write(l, `Container ID:\t${or(st?.containerID, "")}`);
    w.write(l, `Image:\t${c.image}`);
    if (ok) w.write(l, `Image ID:\t${or(st?.imageID, "")}`);
    const ports = (c.ports ?? []) as Obj[];
    if (ports.length <= 1) {
      w.write(l, `Port:\t${portText(c, false)}`);
      w.write(l, `Host Port:\t${portText(c, true)}`);
    } else {
      w.write(l, `Ports:\t${portText(c, false)}`);
      w.write(l, `Host Ports:\t${portText(c, true)}`);
    }
    if (c.command?.length) {
      w.write(l, "Command:");
      for (const x of c.command) w.write(l + 1, x);
    }
    if (c.args?.length) {
      w.write(l, "Args:");
      for (const x of c.args) w.write(l + 1, x);
    }
    if (ok) {
      writeState(w, l, "State:", st?.state);
      if (st?.lastState && Object.keys(st.lastState).length) writeState(w, l, "Last State:", st.lastState);
      w.write(l, `Ready:\t${st?.ready ? "True" : "False"}`);
      w.write(l, `Restart Count:\t${st?.restartCount ?? 0}`);
    }
    writeResources(w, l, c);
    if (c.livenessProbe) w.write(l, `Liveness:\t${probeText(c.livenessProbe)}`);
    if (c.readinessProbe) w.write(l, `Readiness:\t${probeText(c.readinessProbe)}`);
    if (c.startupProbe) w.write(l, `Startup:\t${probeText(c.startupProbe)}`);
    writeEnv(w, l, c, pod);
    writeMounts(w, l, c);
  }
}

/** The Volumes section. */
/**
 * kubectl 1.30 prints a projected source's `optional` with %v of a *bool: `<nil>` when unset,
 * else the pointer itself — a heap address that differs on every run. A stable address-shaped
 * value stands in for it.
 */
function goBoolPointer(v: unknown, seed: string, salt: number): string {
  if (v === undefined || v === null) return "<nil>";
  let h = 0x5f8890 + salt * 4;
  for (const c of String(seed)) h = (h * 31 + c.charCodeAt(0)) & 0xfffff;
  return `0xc000${(0x500000 + (h & 0xffff0) + salt * 4).toString(16).padStart(6, "0")}`;
}

export function writeVolumes(w: DescribeWriter, level: number, volumes: Obj[] | undefined): void {
  if (!volumes?.length) {
    w.write(level, "Volumes:\t<none>");
    return;
  }
  w.write(level, "Volumes:");
  for (const v of volumes) {
    // describeVolumes: names at LEVEL_1 (one space more inside a pod template), their details at
    // LEVEL_2, however deep the Volumes line itself sits.
    w.write(1, `${level > 0 ? " " : ""}${v.name}:`);
    const l = 2;
    if (v.projected) {
      w.write(l, "Type:\tProjected (a volume that contains injected data from multiple sources)");
      for (const s of (v.projected.sources ?? []) as Obj[]) {
        if (s.serviceAccountToken) w.write(l, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3607}`);
        else if (s.configMap) {
          w.write(l, `ConfigMapName:\t${s.configMap.name}`);
          w.write(l, `ConfigMapOptional:\t${goBoolPointer(s.configMap.optional, v.name, l)}`);
        } else if (s.secret) {
          // kubectl 1.30 labels it `SecretOptionalName`.
          w.write(l, `SecretName:\t${s.secret.name}`);
          w.write(l, `SecretOptionalName:\t${goBoolPointer(s.secret.optional, s.secret.name, l)}`);
        } else if (s.downwardAPI) w.write(l, "DownwardAPI:\ttrue");
      }
    } else if (v.configMap) {
      w.write(l, "Type:\tConfigMap (a volume populated by a ConfigMap)");
      w.write(l, `Name:\t${v.configMap.name}`);
      w.write(l, `Optional:\t${v.configMap.optional ? "true" : "false"}`);
    } else if (v.secret) {
      w.write(l, "Type:\tSecret (a volume populated by a Secret)");
      w.write(l, `SecretName:\t${v.secret.secretName}`);
      w.write(l, `Optional:\t${v.secret.optional ? "true" : "false"}`);
    } else if (v.emptyDir) {
      w.write(l, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)");
      w.write(l, `Medium:\t${v.emptyDir.medium ?? ""}`);
      w.write(l, `SizeLimit:\t${v.emptyDir.sizeLimit ?? "<unset>"}`);
    } else if (v.hostPath) {
      w.write(l, "Type:\tHostPath (bare host directory volume)");
      w.write(l, `Path:\t${v.hostPath.path}`);
      w.write(l, `HostPathType:\t${v.hostPath.type ?? ""}`);
    } else if (v.persistentVolumeClaim) {
      w.write(l, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)");
      w.write(l, `ClaimName:\t${v.persistentVolumeClaim.claimName}`);
      w.write(l, `ReadOnly:\t${v.persistentVolumeClaim.readOnly ? "true" : "false"}`);
    } else if (v.downwardAPI) {
      // printDownwardAPIVolumeSource: `field -> path` per item, a resource field by its resource.
      w.write(l, "Type:\tDownwardAPI (a volume populated by information about the pod)");
      w.write(l, "Items:");
      for (const it of (v.downwardAPI.items ?? []) as Obj[]) {
        if (it.fieldRef) w.write(l + 1, `${it.fieldRef.fieldPath} -> ${it.path}`);
        if (it.resourceFieldRef) w.write(l + 1, `${it.resourceFieldRef.resource} -> ${it.path}`);
      }
    } else if (v.nfs) {
      w.write(l, "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)");
      w.write(l, `Server:\t${v.nfs.server ?? ""}`);
      w.write(l, `Path:\t${v.nfs.path ?? ""}`);
      w.write(l, `ReadOnly:\t${v.nfs.readOnly ? "true" : "false"}`);
    } else {
      // A source this describer does not know: kubectl writes <unknown> at LEVEL_1.
      w.write(1, "<unknown>");
    }
  }
}

export function tolerationText(t: Obj): string {
  let s = t.key ?? "";
  if (t.value) s += `=${t.value}`;
  if (t.effect) s += `:${t.effect}`;
  // A bare `operator: Exists` (no key, no effect) tolerates everything: no leading space then.
  if (t.operator === "Exists" && !t.value) s += t.key || t.effect ? " op=Exists" : "op=Exists";
  if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
  return s;
}

export function writeTolerations(w: DescribeWriter, level: number, label: string, tols: Obj[] | undefined): void {
  if (!tols?.length) {
    w.write(level, `${label}\t<none>`);
    return;
  }
  // printTolerationsMultilineWithIndent sorts by key (sort.Slice: an insertion sort, so stable,
  // for the handful of tolerations a pod carries).
  const sorted = [...tols].sort((a, b) => ((a.key ?? "") < (b.key ?? "") ? -1 : (a.key ?? "") > (b.key ?? "") ? 1 : 0));
  sorted.forEach((t, i) => w.write(i === 0 ? level : 0, `${i === 0 ? label : ""}\t${tolerationText(t)}`));
}

export function nodeSelectorText(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${m![k]}`).join(",") : "<none>";
}
