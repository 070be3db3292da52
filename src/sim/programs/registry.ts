// Programs are what the shell runs by name: docker, kubectl, sim and a few coreutils. Each is a
// pure function of its context and arguments returning what the real program would print.

import type { Host, World } from "../world";

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /**
   * Both streams as the program wrote them, interleaved (a merge of stdout's and stderr's
   * chunks), for programs that know the order (`docker logs` replays a container's log): what
   * `2>&1` sends to one file. Absent: stdout, then stderr.
   */
  combined?: string;
  /**
   * Run as a background job (ProgramContext.background), the program keeps running until this
   * virtual time (Infinity: until it is killed) instead of waiting for it: `sleep 30 &`,
   * `kubectl port-forward … &`. The shell's job ends then (src/sim/shell/jobs.ts).
   */
  runsUntil?: number;
  /** What the shell undoes when such a program ends or is killed (a port-forward's listener). */
  release?: () => void;
  /**
   * What such a program printed since it was last asked, and its exit status once it ended by
   * itself (a port-forward whose pod went away); the shell asks at the end of every step.
   */
  poll?: () => { stdout: string; stderr: string; exitCode?: number };
}

export interface ProgramContext {
  readonly world: World;
  readonly host: Host;
  /** Environment variables visible to the program (exported shell variables). */
  readonly env: Readonly<Record<string, string>>;
  readonly stdin: string;
  /** Instructor context (setup/after/replay): the `sim` program is allowed. */
  readonly allowSim: boolean;
  /** Started as a background job (`&`): a program that would keep running says until when (runsUntil). */
  readonly background?: boolean;
  /** Tells history checks which command path ran, aliases resolved ("docker service rm"). */
  setPath(path: string): void;
}

export type Program = (ctx: ProgramContext, args: string[]) => ExecResult;

export const ok = (stdout = ""): ExecResult => ({ exitCode: 0, stdout, stderr: "" });
export const fail = (stderr: string, exitCode = 1): ExecResult => ({
  exitCode,
  stdout: "",
  stderr: stderr.endsWith("\n") || stderr === "" ? stderr : stderr + "\n",
});

export class ProgramRegistry {
  private readonly programs = new Map<string, Program>();

  register(name: string, program: Program): this {
    this.programs.set(name, program);
    return this;
  }

  get(name: string): Program | undefined {
    return this.programs.get(name);
  }

  names(): string[] {
    return [...this.programs.keys()].sort();
  }
}
