// Mirrors swarmkit's manager/constraint: "key==value" / "key!=value", case-insensitive values,
// case-sensitive label names, unknown keys that never match.

import type { SwarmNode } from "../types";

export const NODE_LABEL_PREFIX = "node.labels.";
export const ENGINE_LABEL_PREFIX = "engine.labels.";
const OPERATORS = ["==", "!="] as const;
const KEY_RE = /^[a-z_][a-z0-9\-_.]+$/i;
const VALUE_RE = /^[a-z0-9:\-_\s.*()?+[\]\\^$|/]+$/i;

export const ERR_CONSTRAINT_OPERATOR = `constraint expected one operator from ${OPERATORS.join(", ")}`;

export interface Constraint {
  key: string;
  op: "==" | "!=";
  value: string;
}

/** The facts about a node that constraints can test. */
export interface NodeFacts {
  node: SwarmNode;
  os: string;
  arch: string;
  engineLabels: Record<string, string>;
}

export type ParseResult = { ok: true; constraints: Constraint[] } | { ok: false; error: string };

export function parseConstraints(exprs: string[]): ParseResult {
  const out: Constraint[] = [];
  for (const e of exprs) {
    const op = OPERATORS.find((o) => e.includes(o));
    if (!op) return { ok: false, error: ERR_CONSTRAINT_OPERATOR };
    const i = e.indexOf(op);
    const key = e.slice(0, i).trim();
    if (!KEY_RE.test(key)) return { ok: false, error: `key '${key}' is invalid` };
    const value = e.slice(i + op.length).trim();
    if (!VALUE_RE.test(value)) return { ok: false, error: `value '${value}' is invalid` };
    out.push({ key, op, value });
  }
  return { ok: true, constraints: out };
}

function match(c: Constraint, ...whats: string[]): boolean {
  const m = whats.some((w) => w.toLowerCase() === c.value.toLowerCase());
  return c.op === "==" ? m : !m;
}

function ipToInt(ip: string): number | undefined {
  const p = ip.split(".");
  if (p.length !== 4 || p.some((x) => !/^\d{1,3}$/.test(x) || Number(x) > 255)) return undefined;
  return p.reduce((a, x) => a * 256 + Number(x), 0);
}

function ipMatch(c: Constraint, nodeIp: string): boolean {
  const node = ipToInt(nodeIp);
  const single = ipToInt(c.value);
  if (single !== undefined) return (single === node) === (c.op === "==");
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(c.value);
  const base = m ? ipToInt(m[1]!) : undefined;
  if (!m || base === undefined || Number(m[2]) > 32 || node === undefined) return false;
  const bits = Number(m[2]);
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  const within = ((node & mask) >>> 0) === ((base & mask) >>> 0);
  return within === (c.op === "==");
}

export function nodeMatches(constraints: Constraint[], f: NodeFacts): boolean {
  for (const c of constraints) {
    const key = c.key.toLowerCase();
    let ok: boolean;
    if (key === "node.id") ok = match(c, f.node.id);
    else if (key === "node.hostname") ok = match(c, f.node.host);
    else if (key === "node.ip") ok = ipMatch(c, f.node.addr);
    else if (key === "node.role") ok = match(c, f.node.role);
    else if (key === "node.platform.os") ok = match(c, f.os);
    else if (key === "node.platform.arch") ok = match(c, f.arch);
    else if (key.length > NODE_LABEL_PREFIX.length && key.startsWith(NODE_LABEL_PREFIX)) {
      ok = match(c, f.node.labels[c.key.slice(NODE_LABEL_PREFIX.length)] ?? "");
    } else if (key.length > ENGINE_LABEL_PREFIX.length && key.startsWith(ENGINE_LABEL_PREFIX)) {
      ok = match(c, f.engineLabels[c.key.slice(ENGINE_LABEL_PREFIX.length)] ?? "");
    } else ok = false;
    if (!ok) return false;
  }
  return true;
}
