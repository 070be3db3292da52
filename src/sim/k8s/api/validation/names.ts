// Mirrors k8s.io/apimachinery/pkg/util/validation (IsDNS1123Subdomain, IsDNS1123Label,
// IsDNS1035Label, IsQualifiedName, IsValidLabelValue) and apimachinery's ValidateObjectMeta
// name/label/annotation checks, with the real messages.

import { invalid, required, tooLong, type FieldError } from "../errors";
import type { NameRule } from "../kinds";

const SUBDOMAIN_RE = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
const LABEL_RE = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1035_RE = "[a-z]([-a-z0-9]*[a-z0-9])?";
const QUALIFIED_NAME_RE = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const LABEL_VALUE_RE = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";

/** Anchored regexps, compiled once per pattern (validation runs for every object written). */
const compiled = new Map<string, RegExp>();
const full = (re: string): RegExp => {
  let r = compiled.get(re);
  if (!r) compiled.set(re, (r = new RegExp(`^${re}$`)));
  return r;
};

/** validation.RegexError: examples joined with ",  or " (two spaces: the real quirk). */
function regexError(msg: string, re: string, ...examples: string[]): string {
  const ex = examples.map((e) => `'${e}'`).join(",  or ");
  return `${msg} (e.g. ${ex}, regex used for validation is '${re}')`;
}

export const SUBDOMAIN_MESSAGE = regexError(
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
  SUBDOMAIN_RE, "example.com");
export const LABEL_MESSAGE = regexError(
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
  LABEL_RE, "my-name", "123-abc");
export const DNS1035_MESSAGE = regexError(
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
  DNS1035_RE, "my-name", "abc-123");
export const QUALIFIED_NAME_MESSAGE = regexError(
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
  QUALIFIED_NAME_RE, "MyName", "my.name", "123-abc");
export const LABEL_VALUE_MESSAGE = regexError(
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
  LABEL_VALUE_RE, "MyValue", "my_value", "12345");
export const CONFIG_KEY_MESSAGE = regexError(
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
  "[-._a-zA-Z0-9]+", "key.name", "KEY_NAME", "key-name");
export const IANA_SVC_NAME_MESSAGE = "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)";

export function isDNS1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push("must be no more than 253 characters");
  if (!full(SUBDOMAIN_RE).test(v)) errs.push(SUBDOMAIN_MESSAGE);
  return errs;
}

const WILDCARD_SUBDOMAIN_RE = `\\*\\.${SUBDOMAIN_RE}`;
export const WILDCARD_SUBDOMAIN_MESSAGE = regexError(
  "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character",
  WILDCARD_SUBDOMAIN_RE, "*.example.com");

/** IsWildcardDNS1123Subdomain (Ingress hosts such as "*.example.com"). */
export function isWildcardDNS1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push("must be no more than 253 characters");
  if (!full(WILDCARD_SUBDOMAIN_RE).test(v)) errs.push(WILDCARD_SUBDOMAIN_MESSAGE);
  return errs;
}

export function isDNS1123Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push("must be no more than 63 characters");
  if (!full(LABEL_RE).test(v)) errs.push(full(SUBDOMAIN_RE).test(v) ? "must not contain dots" : LABEL_MESSAGE);
  return errs;
}

export function isDNS1035Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push("must be no more than 63 characters");
  if (!full(DNS1035_RE).test(v)) errs.push(DNS1035_MESSAGE);
  return errs;
}

/** Label/annotation keys: `[prefix/]name`. */
export function isQualifiedName(v: string): string[] {
  const parts = v.split("/");
  let name = v;
  const errs: string[] = [];
  if (parts.length === 2) {
    const [prefix, n] = parts as [string, string];
    name = n;
    if (prefix.length === 0) errs.push("prefix part must be non-empty");
    else for (const m of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${m}`);
  } else if (parts.length > 2) {
    return [regexError("a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", QUALIFIED_NAME_RE, "MyName", "my.name", "123-abc") + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
  }
  if (name.length === 0) errs.push("name part must be non-empty");
  else if (name.length > 63) errs.push("name part must be no more than 63 characters");
  // The regex is checked even on an empty name: "" gets both messages, as apimachinery gives them.
  if (!full(QUALIFIED_NAME_RE).test(name)) errs.push(QUALIFIED_NAME_MESSAGE);
  return errs;
}

export function isValidLabelValue(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push("must be no more than 63 characters");
  if (!full(LABEL_VALUE_RE).test(v)) errs.push(LABEL_VALUE_MESSAGE);
  return errs;
}

export function isConfigMapKey(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push("must be no more than 253 characters");
  if (!/^[-._a-zA-Z0-9]+$/.test(v)) errs.push(CONFIG_KEY_MESSAGE);
  if (v === ".") errs.push("must not be '.'");
  else if (v === "..") errs.push("must not be '..'");
  else if (v.startsWith("..")) errs.push("must not start with '..'");
  return errs;
}

/** IsValidPortName (IANA_SVC_NAME). */
export function isValidPortName(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 15) errs.push("must be no more than 15 characters");
  if (!/^[-a-z0-9]+$/.test(v)) errs.push(IANA_SVC_NAME_MESSAGE);
  if (!/[a-z]/.test(v)) errs.push("must contain at least one letter (a-z)");
  if (v.includes("--")) errs.push("must not contain consecutive hyphens");
  if (/^-|-$/.test(v)) errs.push("must not begin or end with a hyphen");
  return errs;
}

/** path segment names (RBAC, Events): may not be '.'/'..', contain '/' or '%'. */
export function isValidPathSegmentName(v: string): string[] {
  if (v === "." || v === "..") return [`may not be '${v}'`];
  const errs: string[] = [];
  for (const bad of ["/", "%"]) if (v.includes(bad)) errs.push(`may not contain '${bad}'`);
  return errs;
}

export function nameErrors(rule: NameRule, name: string): string[] {
  switch (rule) {
    case "subdomain": return isDNS1123Subdomain(name);
    case "label": return isDNS1123Label(name);
    case "dns1035": return isDNS1035Label(name);
    case "path": return isValidPathSegmentName(name);
    case "none": return [];
  }
}

export function validateLabels(labels: unknown, field: string): FieldError[] {
  const out: FieldError[] = [];
  if (!labels || typeof labels !== "object") return out;
  for (const [k, v] of Object.entries(labels as Record<string, unknown>)) {
    for (const m of isQualifiedName(k)) out.push(invalid(field, k, m));
    for (const m of isValidLabelValue(String(v ?? ""))) out.push(invalid(field, String(v ?? ""), m));
  }
  return out;
}

export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

export function validateAnnotations(ann: unknown, field: string): FieldError[] {
  const out: FieldError[] = [];
  if (!ann || typeof ann !== "object") return out;
  let size = 0;
  for (const [k, v] of Object.entries(ann as Record<string, unknown>)) {
    for (const m of isQualifiedName(k.toLowerCase())) out.push(invalid(field, k, m));
    size += k.length + String(v ?? "").length;
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) out.push(tooLong(field, TOTAL_ANNOTATION_SIZE_LIMIT));
  return out;
}

/** ValidateObjectMeta: name (or generateName), namespace presence, labels, annotations. */
export function validateObjectMeta(meta: Record<string, unknown>, namespaced: boolean, rule: NameRule, field = "metadata"): FieldError[] {
  const out: FieldError[] = [];
  const name = meta.name as string | undefined;
  const gen = meta.generateName as string | undefined;
  if (!name && !gen) out.push(required(`${field}.name`, "name or generateName is required"));
  else if (name) for (const m of nameErrors(rule, name)) out.push(invalid(`${field}.name`, name, m));
  if (namespaced && !meta.namespace) out.push(required(`${field}.namespace`));
  out.push(...validateLabels(meta.labels, `${field}.labels`));
  out.push(...validateAnnotations(meta.annotations, `${field}.annotations`));
  return out;
}
