// Small helpers the compose command handlers share: results, and flags read only when the
// command's spec has them (the spec is hand-written from Compose's reference).

import type { Invocation } from "../../cli/command";
import type { ExecResult, ProgramContext } from "../../programs/registry";
import type { Project } from "./project";

export type Op = (ctx: ProgramContext, inv: Invocation, p: Project) => ExecResult;

export const out = (stdout: string, stderr = "", exitCode = 0): ExecResult => ({ exitCode, stdout, stderr });
export const err = (msg: string): ExecResult => ({ exitCode: 1, stdout: "", stderr: msg.endsWith("\n") ? msg : msg + "\n" });

export const flagList = (inv: Invocation, name: string) => (inv.spec.flags.some((f) => f.name === name) ? inv.flags.list(name) : []);
export const flagStr = (inv: Invocation, name: string) => (inv.spec.flags.some((f) => f.name === name) || inv.flags.changed(name) ? inv.flags.str(name) : "");
export const flagBool = (inv: Invocation, name: string) => (inv.spec.flags.some((f) => f.name === name) ? inv.flags.bool(name) : false);
