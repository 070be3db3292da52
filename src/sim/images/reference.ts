// Mirrors github.com/distribution/reference (ParseNormalizedNamed, TagNameOnly, FamiliarString):
// the grammar Docker 28 and containerd/kubelet 1.30 share, with its real error strings.

import type { ImageReference } from "./types";

export const DEFAULT_REGISTRY = "docker.io";
export const OFFICIAL_REPO_PREFIX = "library/";
export const DEFAULT_TAG = "latest";

export const ERR_REFERENCE_INVALID_FORMAT = "invalid reference format";
export const ERR_NAME_EMPTY = "repository name must have at least one component";
export const ERR_NAME_CONTAINS_UPPERCASE = "repository name must be lowercase";
export const ERR_NAME_TOO_LONG = "repository name must not be more than 255 characters";
export const ERR_DIGEST_INVALID_LENGTH = "invalid checksum digest length";
export const ERR_DIGEST_UNSUPPORTED = "unsupported digest algorithm";
export const errNameNotLowercase = (remoteName: string): string =>
  `invalid reference format: repository name (${remoteName}) must be lowercase`;
export const errHexIdentifier = (s: string): string =>
  `invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`;

const NAME_TOTAL_LENGTH_MAX = 255;
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const TAG = "[\\w][\\w.-]{0,127}";
const DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
const REFERENCE_RE = new RegExp(
  `^((?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`,
);
const HEX_IDENTIFIER_RE = /^[a-f0-9]{64}$/;

export type ParseReferenceResult =
  | { ok: true; ref: ImageReference }
  | { ok: false; message: string };

/** Splits off the registry host the way splitDockerDomain does. */
function splitDockerDomain(name: string): [string, string] {
  const i = name.indexOf("/");
  const first = i === -1 ? "" : name.slice(0, i);
  let domain: string;
  let remainder: string;
  if (i === -1 || (!/[.:]/.test(first) && first !== "localhost" && first.toLowerCase() === first)) {
    domain = DEFAULT_REGISTRY;
    remainder = name;
  } else {
    domain = first;
    remainder = name.slice(i + 1);
  }
  if (domain === "index.docker.io") domain = DEFAULT_REGISTRY;
  if (domain === DEFAULT_REGISTRY && !remainder.includes("/")) remainder = OFFICIAL_REPO_PREFIX + remainder;
  return [domain, remainder];
}

function checkDigest(digest: string): string | undefined {
  const [algo, hex] = digest.split(":") as [string, string];
  const lengths: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
  const want = lengths[algo];
  if (want === undefined) return ERR_DIGEST_UNSUPPORTED;
  if (hex.length !== want || /[A-F]/.test(hex)) return ERR_DIGEST_INVALID_LENGTH;
  return undefined;
}

/** ParseNormalizedNamed + TagNameOnly: "nginx" → docker.io/library/nginx:latest. */
export function parseImageReference(written: string): ParseReferenceResult {
  const s = written;
  if (HEX_IDENTIFIER_RE.test(s)) return { ok: false, message: errHexIdentifier(s) };
  if (s === "") return { ok: false, message: ERR_NAME_EMPTY };
  const [domain, remainder] = splitDockerDomain(s);
  const colon = remainder.indexOf(":");
  const remoteName = colon === -1 ? remainder : remainder.slice(0, colon);
  if (remoteName.toLowerCase() !== remoteName) return { ok: false, message: errNameNotLowercase(remoteName) };

  const full = `${domain}/${remainder}`;
  const m = REFERENCE_RE.exec(full);
  if (!m) {
    const lower = REFERENCE_RE.exec(full.toLowerCase());
    return { ok: false, message: lower ? ERR_NAME_CONTAINS_UPPERCASE : ERR_REFERENCE_INVALID_FORMAT };
  }
  const name = m[1]!;
  if (name.length > NAME_TOTAL_LENGTH_MAX) return { ok: false, message: ERR_NAME_TOO_LONG };
  const digest = m[3];
  if (digest !== undefined) {
    const bad = checkDigest(digest);
    if (bad) return { ok: false, message: bad };
  }
  const registry = name.slice(0, name.indexOf("/"));
  const repository = name.slice(registry.length + 1);
  const tag = m[2] ?? (digest === undefined ? DEFAULT_TAG : undefined);
  return { ok: true, ref: makeReference(written, registry, repository, tag, digest) };
}

function makeReference(
  written: string, registry: string, repository: string, tag: string | undefined, digest: string | undefined,
): ImageReference {
  const name = `${registry}/${repository}`;
  let familiarName = name;
  if (registry === DEFAULT_REGISTRY) {
    familiarName = repository;
    if (repository.startsWith(OFFICIAL_REPO_PREFIX) && !repository.slice(OFFICIAL_REPO_PREFIX.length).includes("/")) {
      familiarName = repository.slice(OFFICIAL_REPO_PREFIX.length);
    }
  }
  const suffix = (tag !== undefined ? `:${tag}` : "") + (digest !== undefined ? `@${digest}` : "");
  const ref: ImageReference = {
    written, registry, repository, name, familiarName,
    familiar: familiarName + suffix,
    full: digest !== undefined ? `${name}@${digest}` : `${name}:${tag}`,
  };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

/** Parses or throws: for tables of references the caller knows to be valid. */
export function mustParse(written: string): ImageReference {
  const r = parseImageReference(written);
  if (!r.ok) throw new Error(`invalid image reference ${JSON.stringify(written)}: ${r.message}`);
  return r.ref;
}
