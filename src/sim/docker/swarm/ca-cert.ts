// The swarm's root CA as the API shows it (swarm.TLSInfo): a self-signed ECDSA P-256 certificate
// for CN=swarm-ca, valid 20 years (swarmkit's RootCAExpiration), in PEM, with the issuer's subject
// and public key as DER. No real key exists: the key, serial and signature bytes are stand-ins
// derived from the cluster and its CA generation (bumped by `docker swarm ca --rotate`), laid out
// as real DER so the PEM decodes as a certificate.

import { stableHex } from "../../images/digest";
import type { SwarmCluster } from "./cluster";

export interface TlsInfo {
  /** PEM, ending with a newline. */
  trustRoot: string;
  /** Base64 of the DER subject (always CN=swarm-ca). */
  certIssuerSubject: string;
  /** Base64 of the DER SubjectPublicKeyInfo. */
  certIssuerPublicKey: string;
}

const ROOT_CA_VALIDITY_MS = 630_720_000_000;

const bytesOf = (hex: string): number[] => (hex.match(/../g) ?? []).map((h) => parseInt(h, 16));
const ascii = (s: string): number[] => [...s].map((ch) => ch.charCodeAt(0));

function tlv(tag: number, body: number[]): number[] {
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return [tag, ...len, ...body];
}
const seq = (...parts: number[][]): number[] => tlv(0x30, parts.flat());
/** A positive DER INTEGER from raw bytes (a leading 0x00 when the high bit is set). */
const int = (b: number[]): number[] => tlv(0x02, b[0]! >= 0x80 ? [0, ...b] : b);

function time(ms: number): number[] {
  const d = new Date(ms).toISOString();
  const digits = d.slice(0, 19).replace(/[-T:]/g, "");
  // RFC 5280: UTCTime through 2049, GeneralizedTime after.
  return Number(d.slice(0, 4)) < 2050 ? tlv(0x17, ascii(digits.slice(2) + "Z")) : tlv(0x18, ascii(digits + "Z"));
}

const ECDSA_SHA256 = seq([0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02]);
const SUBJECT = seq(tlv(0x31, seq([0x06, 0x03, 0x55, 0x04, 0x03], tlv(0x13, ascii("swarm-ca")))));
const EC_P256 = seq([0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01], [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]);

function base64(bytes: number[]): string {
  return btoa(String.fromCharCode(...bytes));
}

/** Root CAs made, by cluster, generation and creation time (a pure, bounded cache: `docker info` shows it every time). */
const made = new Map<string, TlsInfo>();

/** The cluster's current root CA (generation `gen`, the current one by default). */
export function rootCA(c: SwarmCluster, gen = c.caGeneration): TlsInfo {
  const key = `${c.id}/${gen}/${c.caCreatedAt}`;
  let ca = made.get(key);
  if (!ca) {
    if (made.size >= 256) made.clear();
    made.set(key, (ca = Object.freeze(makeRootCA(c, gen))));
  }
  return ca;
}

function makeRootCA(c: SwarmCluster, gen: number): TlsInfo {
  const seed = `${c.id}/ca/${gen}`;
  const h = bytesOf(stableHex(seed, 2 * (20 + 64 + 20 + 64)));
  const serial = h.slice(0, 20);
  serial[0] = (serial[0]! & 0x7f) || 0x11;
  const spki = seq(EC_P256, tlv(0x03, [0x00, 0x04, ...h.slice(20, 84)]));
  const ski = h.slice(84, 104);
  const extensions = tlv(0xa3, seq(
    seq([0x06, 0x03, 0x55, 0x1d, 0x0f], [0x01, 0x01, 0xff], tlv(0x04, [0x03, 0x02, 0x01, 0x06])),
    seq([0x06, 0x03, 0x55, 0x1d, 0x13], [0x01, 0x01, 0xff], tlv(0x04, seq([0x01, 0x01, 0xff]))),
    seq([0x06, 0x03, 0x55, 0x1d, 0x0e], tlv(0x04, tlv(0x04, ski))),
  ));
  // cfssl backdates a new certificate by five minutes; the root is made when the swarm (or the
  // rotation) is.
  const start = Math.floor((c.caCreatedAt - 300_000) / 60_000) * 60_000;
  const tbs = seq([0xa0, 0x03, 0x02, 0x01, 0x02], int(serial), ECDSA_SHA256, SUBJECT, seq(time(start), time(start + ROOT_CA_VALIDITY_MS)), SUBJECT, spki, extensions);
  const sig = seq(int(h.slice(104, 136)), int(h.slice(136, 168)));
  const der = seq(tbs, ECDSA_SHA256, tlv(0x03, [0x00, ...sig]));
  const b64 = base64(der);
  const lines = b64.match(/.{1,64}/g) ?? [];
  return {
    trustRoot: `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`,
    certIssuerSubject: base64(SUBJECT),
    certIssuerPublicKey: base64(spki),
  };
}

/** The root a node trusts: the current one once it is up to take it, else the one it last had. */
export function nodeRootGeneration(c: SwarmCluster, node: { state: string; caGeneration?: number }): number {
  return node.state === "down" ? (node.caGeneration ?? 0) : c.caGeneration;
}
