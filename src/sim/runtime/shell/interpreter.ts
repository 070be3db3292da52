// Mirrors busybox ash closely enough for container commands: runs a parsed script as a generator
// that yields when virtual time must pass (sleep), when an image program runs in the foreground,
// or when a background job starts. Budgeted: every simple command is a step; a loop that never
// sleeps exceeds the per-instant budget and is reported as spinning (BudgetExceeded).
// Control flow (exit, break, continue) uses private exceptions (control.ts) caught in this folder;
// how a shell is invoked and the builtins that change it live in invocation.ts, how one command
// line is run (functions, launchers, programs, tools) in dispatch.ts.

import { ShellSyntaxError, type Node } from "./ast";
import { ExitSignal, LoopSignal, normalizeSignal } from "./control";
import { expandSingle, expandWord, type ExpandContext } from "./expand";
import { environOrder, flavourOf, type ShellFlavour } from "./environ";
import { expansionError, readonlyError, syntaxError, type ErrorContext } from "./messages";
import { entry } from "./invocation";
import { Parser, parseScript } from "./parser";
import { matchesWhole, patternOf } from "./patterns";
import { runCommand } from "./dispatch";
import { withRedirects } from "./redirects";
import { drain, traceQuote } from "./support";
import { conditional } from "./conditional";
import {
  BudgetExceeded, MAX_INSTANT_STEPS, MAX_TOTAL_STEPS, type Effect, type Io, type ShellHost, type Thread,
} from "./types";

export class Shell {
  readonly vars = new Map<string, string>();
  readonly exported = new Set<string>();
  readonly traps = new Map<string, string>();
  /** Functions defined with `name() { …; }`; subshells inherit them, new shell processes do not. */
  readonly functions = new Map<string, Node>();
  /** One frame per running function: the values `local` saved, restored when it returns. */
  readonly localFrames: Map<string, string | undefined>[] = [];
  /** Signals received while a trap is set, run after the current foreground command. */
  readonly pendingSignals: string[] = [];
  cwd: string;
  lastStatus = 0;
  /** Which shell this is once started as one (undefined: a program's plain environment). */
  flavour?: ShellFlavour;
  /** The script line of the command running now, and whether $0 names a script (error messages). */
  line = 1;
  named = false;
  /** `set -e` / `set -x`. */
  errexit = false;
  xtrace = false;
  /** `set -u`: expanding an unset variable is an error. */
  nounset = false;
  /** Variables made `readonly`: assigning one is an error. */
  readonly readonlyVars = new Set<string>();
  /** The status of the last command substitution, which an assignment-only command returns. */
  substStatus: number | undefined;
  /** Inside an if/while condition or left of && / ||, where `set -e` does not apply. */
  private conditionDepth = 0;

  constructor(readonly host: ShellHost, env: Record<string, string>, cwd: string, public positional: string[] = ["sh"]) {
    for (const [k, v] of Object.entries(env)) { this.vars.set(k, v); this.exported.add(k); }
    this.cwd = cwd;
  }

  /** The exported variables, in the order this process passes them to the programs it runs. */
  env(extra: readonly (readonly [string, string])[] = []): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of this.vars) if (this.exported.has(k)) out[k] = v;
    for (const [k, v] of extra) out[k] = v;
    return environOrder(out, this.flavour);
  }

  /** What error messages print before the text: $0, the line, the shell's conventions. */
  errorContext(): ErrorContext {
    return { flavour: this.flavour, arg0: this.positional[0] ?? "sh", line: this.line, named: this.named };
  }

  /**
   * A child shell, same filesystem. A fork (subshell, pipeline stage, `$(…)`, background job)
   * keeps every variable; a new process (`sh -c`, a script file) gets the exported ones only.
   */
  child(positional?: string[], newProcess = false): Shell {
    const sub = new Shell(this.host, newProcess ? this.env() : {}, this.cwd, positional ?? this.positional);
    if (!newProcess) {
      for (const [k, v] of this.vars) sub.vars.set(k, v);
      for (const k of this.exported) sub.exported.add(k);
    }
    if (this.flavour) sub.flavour = this.flavour;
    sub.errexit = this.errexit;
    sub.xtrace = this.xtrace;
    sub.nounset = this.nounset;
    for (const k of this.readonlyVars) sub.readonlyVars.add(k);
    sub.line = this.line;
    sub.named = this.named && positional === undefined;
    for (const [k, v] of this.traps) sub.traps.set(k, v);
    for (const [k, v] of this.functions) sub.functions.set(k, v);
    return sub;
  }

  /** This process starts as shell `name`: it exports PWD, and SHLVL one deeper (ash and bash). */
  becomeShell(name: string): void {
    const flavour = flavourOf(name.slice(name.lastIndexOf("/") + 1), this.host.tools.has("ash"), this.host.tools.has("dash"));
    this.flavour = flavour;
    this.errexit = this.xtrace = this.nounset = false; // a new shell process starts without the parent's `set` options
    this.readonlyVars.clear();
    // …and without its functions and traps (ignored signals, `trap '' SIG`, stay ignored).
    this.functions.clear();
    for (const [k, v] of [...this.traps]) if (v !== "") this.traps.delete(k);
    if (flavour !== "dash") this.exportVar("SHLVL", String((Number(this.vars.get("SHLVL")) || 0) + 1));
    this.exportVar("PWD", this.cwd);
  }

  private exportVar(name: string, value: string): void {
    this.vars.set(name, value);
    this.exported.add(name);
  }

  /** The expansion context of this shell; its getters read the shell's current state (internal). */
  expandCtx(): ExpandContext {
    if (this.ctxCache) return this.ctxCache;
    const sh = this;
    this.ctxCache = {
      get: (n) => (n === "PWD" ? sh.cwd : n === "HOSTNAME" ? sh.vars.get(n) ?? sh.host.hostname : sh.vars.get(n)),
      set: (n, v) => sh.vars.set(n, v),
      get positional() { return sh.positional; },
      get lastStatus() { return sh.lastStatus; },
      substitute: (src) => sh.substitute(src),
      list: (dir) => sh.host.fs.list(dir),
      get cwd() { return sh.cwd; },
      get posixOnly() { return sh.flavour === "dash"; },
      get nounset() { return sh.nounset; },
      get braces() { return sh.flavour === "bash"; },
      fail: (f) => {
        const e = expansionError(sh.errorContext(), f);
        sh.errSink(e.text);
        throw new ExitSignal(e.status);
      },
    };
    return this.ctxCache;
  }
  private ctxCache?: ExpandContext;

  /** `$(…)`: runs to completion at once (time inside a substitution does not pass). */
  private substitute(src: string): string {
    let out = "";
    const io: Io = { stdin: "", out: (s) => { out += s; }, err: () => {} };
    this.substStatus = drain(this.child().script(src, io));
    return out;
  }

  /**
   * Reads and runs a script text one complete command at a time, in this shell (`eval`, `.`):
   * the commands before a syntax error run; the error is printed and ends the shell with 2.
   */
  *runText(src: string, io: Io): Thread {
    const parser = new Parser(src, this.flavour !== "dash");
    for (;;) {
      let node: Node | undefined;
      try {
        node = parser.nextCommand();
      } catch (e) {
        if (!(e instanceof ShellSyntaxError)) throw e;
        if (e.line !== undefined) this.line = e.line;
        io.err(syntaxError(this.errorContext(), e, src));
        throw new ExitSignal(2);
      }
      if (!node) return this.lastStatus;
      yield* this.run(node, io);
    }
  }

  /** Runs a script text as a shell process does (`sh -c`, a script file): exit ends it with its status. */
  *script(src: string, io: Io): Thread {
    try {
      return yield* this.runText(src, io);
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      if (e instanceof LoopSignal) return this.lastStatus;
      throw e;
    }
  }


  /** PID 1 of a container (see invocation.ts). */
  *entry(argv: string[], io: Io, tty: boolean): Thread {
    return yield* entry(this, argv, io, tty);
  }

  /** Counts one step against the budget (internal). */
  step(): void {
    const b = this.host.budget;
    b.steps++;
    b.instantSteps++;
    if (b.instantSteps > MAX_INSTANT_STEPS || b.steps > MAX_TOTAL_STEPS) throw new BudgetExceeded();
  }

  /** Where an expansion error is reported: the stderr of the command being expanded (internal). */
  errSink: (text: string) => void = () => {};

  *run(node: Node, io: Io): Thread {
    this.errSink = io.err;
    switch (node.kind) {
      case "simple": return this.errexitCheck(this.lastStatus = yield* this.simple(node, io));
      case "list": {
        for (const item of node.items) yield* this.run(item, io);
        return this.lastStatus;
      }
      case "andor": {
        const left = yield* this.condition(node.left, io);
        if ((node.op === "&&") === (left === 0)) return (this.lastStatus = yield* this.run(node.right, io));
        return left;
      }
      case "pipeline": {
        this.lastStatus = yield* this.pipeline(node.commands, node.negate, io);
        return node.negate ? this.lastStatus : this.errexitCheck(this.lastStatus);
      }
      case "if": return yield* withRedirects(this, node.redirects, io, (rio) => this.ifNode(node, rio));
      case "loop": return yield* withRedirects(this, node.redirects, io, (rio) => this.loop(node, rio));
      case "for": return yield* withRedirects(this, node.redirects, io, (rio) => this.forNode(node, rio));
      case "case": return yield* withRedirects(this, node.redirects, io, (rio) => this.caseNode(node, rio));
      case "test2": this.step(); return this.errexitCheck(this.lastStatus = conditional(node.items, this.expandCtx(), this.host.fs, this.cwd, this.flavour === "bash") ? 0 : 1);
      case "function":
        this.functions.set(node.name, node.body);
        return (this.lastStatus = 0);
      case "group": {
        const status = yield* withRedirects(this, node.redirects, io, (rio) =>
          node.subshell ? this.child().runCatchingExit(node.body, rio) : this.run(node.body, rio));
        return node.subshell ? this.errexitCheck(this.lastStatus = status) : status;
      }
      case "background":
        yield { kind: "spawn", thread: this.child().runCatchingExit(node.body, io) };
        return (this.lastStatus = 0);
    }
  }

  /** `set -e`: a failing command outside a condition ends the shell with its status. */
  private errexitCheck(status: number): number {
    if (status !== 0 && this.errexit && this.conditionDepth === 0) throw new ExitSignal(status);
    return status;
  }

  /** Runs a condition (if/while test, left of && and ||): `set -e` is suspended inside it. */
  private *condition(node: Node, io: Io): Thread {
    this.conditionDepth++;
    try { return yield* this.run(node, io); } finally { this.conditionDepth--; }
  }

  *runCatchingExit(node: Node, io: Io): Thread {
    try { return yield* this.run(node, io); } catch (e) { if (e instanceof ExitSignal) return e.code; throw e; }
  }

  private *ifNode(node: Extract<Node, { kind: "if" }>, io: Io): Thread {
    for (const b of node.branches) {
      if ((yield* this.condition(b.cond, io)) === 0) return yield* this.run(b.body, io);
    }
    return node.otherwise ? yield* this.run(node.otherwise, io) : (this.lastStatus = 0);
  }

  /** The first arm with a matching pattern runs; no match is status 0. */
  private *caseNode(node: Extract<Node, { kind: "case" }>, io: Io): Thread {
    this.step();
    const ctx = this.expandCtx();
    const subject = expandSingle(node.subject, ctx);
    for (const arm of node.arms) {
      if (!arm.patterns.some((p) => matchesWhole(patternOf(p, ctx), subject))) continue;
      return arm.body ? yield* this.run(arm.body, io) : (this.lastStatus = 0);
    }
    return (this.lastStatus = 0);
  }

  private *loop(node: Extract<Node, { kind: "loop" }>, io: Io): Thread {
    let status = 0;
    for (;;) {
      this.step();
      const c = yield* this.condition(node.cond, io);
      if ((c === 0) === node.until) break;
      const r = yield* this.loopBody(node.body, io);
      if (r === "break") break;
      status = this.lastStatus;
    }
    return (this.lastStatus = status);
  }

  private *forNode(node: Extract<Node, { kind: "for" }>, io: Io): Thread {
    const items = node.items ? node.items.flatMap((w) => expandWord(w, this.expandCtx())) : this.positional.slice(1);
    for (const item of items) {
      this.step();
      this.vars.set(node.name, item);
      if ((yield* this.loopBody(node.body, io)) === "break") break;
    }
    return this.lastStatus;
  }

  private *loopBody(body: Node, io: Io): Generator<Effect, "break" | "next", number | undefined> {
    try {
      yield* this.run(body, io);
      return "next";
    } catch (e) {
      if (!(e instanceof LoopSignal)) throw e;
      if (e.levels > 1) throw new LoopSignal(e.kind, e.levels - 1);
      return e.kind === "break" ? "break" : "next";
    }
  }

  private *pipeline(commands: Node[], negate: boolean, io: Io): Thread {
    let stdin = io.stdin;
    let status = 0;
    for (let k = 0; k < commands.length; k++) {
      const last = k === commands.length - 1;
      let captured = "";
      const stage: Io = last ? { ...io, stdin } : { stdin, out: (s) => { captured += s; }, err: io.err };
      status = yield* this.child().runCatchingExit(commands[k]!, stage);
      stdin = captured;
    }
    return negate ? Number(status === 0) : status;
  }

  private *simple(node: Extract<Node, { kind: "simple" }>, io: Io): Thread {
    this.step();
    if (node.line !== undefined) this.line = node.line;
    const ctx = this.expandCtx();
    this.substStatus = undefined;
    const argv = node.words.flatMap((w) => expandWord(w, ctx));
    const assigns = node.assigns.map((a) => [a.name, expandSingle(a.value, ctx)] as const);
    if (this.xtrace) io.err(`+ ${[...assigns.map(([k, v]) => `${k}=${traceQuote(v)}`), ...argv.map(traceQuote)].join(" ")}\n`);
    if (argv.length === 0) {
      for (const [k, v] of assigns) if (!this.assign(k, v, io)) return 1;
      return this.substStatus ?? 0;
    }
    if (argv.length === 1 && argv[0] === "exec" && node.redirects.length > 0) {
      // `exec >FILE 2>&1`: the redirections stay for the rest of the shell (the io objects the
      // following commands share).
      return yield* withRedirects(this, node.redirects, io, function* (rio) { Object.assign(io, { out: rio.out, err: rio.err, stdin: rio.stdin }); return 0; });
    }
    const status = node.redirects.length === 0
      ? yield* this.command(argv, io, assigns)
      : yield* withRedirects(this, node.redirects, io, (rio) => this.command(argv, rio, assigns));
    if (this.pendingSignals.length > 0) yield* this.runPendingTraps(io);
    return status;
  }

  /**
   * Sets a variable; a readonly one is an error that ends the shell (ash, dash: 2; bash: 1),
   * except that bash's builtins (`export r=1`) only fail (returns false).
   */
  assign(name: string, value: string, io: Io, byBuiltin = false): boolean {
    if (!this.readonlyVars.has(name)) { this.vars.set(name, value); return true; }
    io.err(readonlyError(this.errorContext(), name).text);
    if (this.flavour !== "bash") throw new ExitSignal(2);
    if (byBuiltin) return false;
    throw new ExitSignal(1);
  }

  /** Traps whose signal arrived while a foreground command ran (ash runs them between commands). */
  *runPendingTraps(io: Io): Thread {
    while (this.pendingSignals.length > 0) {
      const sig = this.pendingSignals.shift()!;
      const action = this.traps.get(sig);
      if (action) yield* this.run(parseScript(action), io);
    }
    return this.lastStatus;
  }

  /** Runs one command: special builtins, functions, image programs, shells, tools, script files (internal). */
  *command(argv: string[], io: Io, assigns: readonly (readonly [string, string])[]): Thread {
    return yield* runCommand(this, argv, io, assigns);
  }
}

export { BudgetExceeded, drain, normalizeSignal };
