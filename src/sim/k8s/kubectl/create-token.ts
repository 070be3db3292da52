// `kubectl create token SERVICE_ACCOUNT_NAME`, mirroring kubectl/pkg/cmd/create/create_token.go
// (v1.30) and the API server's serviceaccounts/token subresource: the client's checks in
// Validate's order, then a TokenRequest — the ServiceAccount (and a bound Pod or Secret) must
// exist, the lifetime defaults to an hour and must be at least ten minutes — answered with a
// JWT-shaped token (RS256 header with the cluster's key id, the claims kubeadm's issuer signs,
// a signature drawn from the world's random stream). kubectl prints the bare token; without a
// terminal (a replayed transcript is captured output) it adds no newline.

import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { utf8ToBase64 } from "../../base64";
import { parseDuration } from "../../clock";
import { Rng } from "../../rng";
import type { KubeCluster } from "../cluster";
import { invalidError, notFoundError } from "../api/errors";
import type { KObject } from "../store";
import { fail, namespaceOf, server, type KubectlContext } from "./common";
import { nameArg } from "./create-policy";
import { outputRequested, parseOutput, templateSource, printStructured } from "./output";

type Obj = Record<string, any>;

/** kubeadm's --service-account-issuer, which is also the default audience (--api-audiences). */
export const SERVICE_ACCOUNT_ISSUER = "https://kubernetes.default.svc.cluster.local";
const BOUND_KINDS = ["Pod", "Secret"];
const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

const b64url = (s: string) => utf8ToBase64(s).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");

/**
 * The signing key's id: base64url of a SHA-256 (43 characters, the last one carrying 4 bits),
 * the same for every token of a cluster — drawn from a stream seeded by the kube-system uid.
 */
function keyId(cluster: KubeCluster): string {
  const rng = new Rng(`sa-key:${cluster.store.get("Namespace", undefined, "kube-system")?.metadata.uid ?? ""}`);
  return rng.chars(BASE64URL, 42) + rng.chars("AEIMQUYcgkosw048", 1);
}

/** Seconds of a --duration (Go time.Duration text), or the client's error. */
function durationSeconds(text: string): number {
  const neg = text.startsWith("-");
  const ms = parseDuration(neg ? text.slice(1) : text) ?? 0;
  if (neg && ms > 0) fail("error: --duration must be greater than or equal to 0");
  if (ms % 1000 !== 0) fail("error: --duration cannot be expressed in units less than seconds");
  return ms / 1000;
}

export function createToken(ctx: KubectlContext, inv: Invocation): ExecResult {
  const name = nameArg(inv);
  const ns = namespaceOf(inv);
  const seconds = durationSeconds(inv.flags.str("duration") || "0s");
  const audiences = inv.flags.list("audience");
  if (audiences.some((a) => a === "")) fail("error: --audience must not be an empty string");
  const kind = inv.flags.str("bound-object-kind");
  const boundName = inv.flags.str("bound-object-name");
  const boundUid = inv.flags.str("bound-object-uid");
  if (!kind) {
    if (boundName) fail("error: --bound-object-name can only be set if --bound-object-kind is provided");
    if (boundUid) fail("error: --bound-object-uid can only be set if --bound-object-kind is provided");
  } else {
    if (!BOUND_KINDS.includes(kind)) fail(`error: supported --bound-object-kind values are ${BOUND_KINDS.join(", ")}`);
    if (!boundName) fail("error: --bound-object-name is required if --bound-object-kind is provided");
  }
  const fmt = outputRequested(inv) ? parseOutput(inv.flags.str("output"), false, templateSource(ctx, inv)) : undefined;
  const cluster = server(ctx);
  const failed: (msg: string) => never = (msg) => fail(`error: failed to create token: ${msg}`);
  const sa = cluster.store.get("ServiceAccount", ns, name);
  if (!sa) failed(notFoundError("serviceaccounts", name).message);
  const expiration = seconds > 0 ? seconds : 3600;
  // ValidateTokenRequest.
  if (expiration < 600) failed(invalidError("TokenRequest", "authentication.k8s.io", name, [{ type: "Invalid", field: "spec.expirationSeconds", value: expiration, detail: "may not specify a duration less than 10 minutes" }]).message);
  if (expiration > 2 ** 32) failed(invalidError("TokenRequest", "authentication.k8s.io", name, [{ type: "Invalid", field: "spec.expirationSeconds", value: expiration, detail: "may not specify a duration larger than 2^32 seconds" }]).message);
  let bound: KObject | undefined;
  if (kind) {
    bound = cluster.store.get(kind, ns, boundName);
    if (!bound) failed(notFoundError(kind === "Pod" ? "pods" : "secrets", boundName).message);
    if (boundUid && boundUid !== bound.metadata.uid) {
      failed(`the UID in the bound object reference (${boundUid}) does not match the UID in record. The object might have been deleted and then recreated`);
    }
  }
  const now = Math.floor(cluster.world.now / 1000);
  const aud = audiences.length ? audiences : [SERVICE_ACCOUNT_ISSUER];
  const rng = cluster.rng;
  const k8s: Obj = { namespace: ns };
  if (bound?.kind === "Pod") {
    k8s.pod = { name: bound.metadata.name, uid: bound.metadata.uid };
    // ServiceAccountTokenPodNodeInfo (beta in 1.30): a scheduled pod's node is named too.
    const nodeName = (bound.spec as Obj | undefined)?.nodeName;
    const node = nodeName ? cluster.store.get("Node", undefined, nodeName) : undefined;
    if (node) k8s.node = { name: node.metadata.name, uid: node.metadata.uid };
  }
  if (bound?.kind === "Secret") k8s.secret = { name: bound.metadata.name, uid: bound.metadata.uid };
  k8s.serviceaccount = { name, uid: sa.metadata.uid };
  // jose merges the claims through a map: every level's keys come out sorted.
  const kubernetesIo = Object.fromEntries(Object.keys(k8s).sort().map((key) => [key, k8s[key]]));
  const claims = {
    aud, exp: now + expiration, iat: now, iss: SERVICE_ACCOUNT_ISSUER, jti: cluster.store.uuid(), "kubernetes.io": kubernetesIo,
    nbf: now, sub: `system:serviceaccount:${ns}:${name}`,
  };
  // RS256 over a 2048-bit key: 256 bytes, 342 base64url characters (the last carries 2 bits).
  const signature = rng.chars(BASE64URL, 341) + rng.chars("AQgw", 1);
  const token = `${b64url(JSON.stringify({ alg: "RS256", kid: keyId(cluster) }))}.${b64url(JSON.stringify(claims))}.${signature}`;
  if (!fmt) return { exitCode: 0, stdout: token, stderr: "" };
  const request = {
    kind: "TokenRequest", apiVersion: "authentication.k8s.io/v1",
    metadata: { name, namespace: ns, creationTimestamp: null },
    spec: {
      audiences: aud,
      expirationSeconds: expiration,
      boundObjectRef: bound ? { kind, apiVersion: "v1", name: boundName, uid: bound.metadata.uid } : null,
    },
    status: { token, expirationTimestamp: cluster.world.clock.iso(cluster.world.now + expiration * 1000).replace(/\.\d{3}Z$/, "Z") },
  } as unknown as KObject;
  return { exitCode: 0, stdout: printStructured([request], fmt, true), stderr: "" };
}
