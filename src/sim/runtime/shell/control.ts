// Control flow inside the interpreter (exit, break, continue, return) travels as these private
// exceptions, caught within the shell; and the names signals go by in `trap`.

export class ExitSignal { constructor(readonly code: number) {} }
/** `return [N]` from a function or a sourced file; outside both it ends the script, as `exit`. */
export class ReturnSignal extends ExitSignal {}
export class LoopSignal { constructor(readonly kind: "break" | "continue", readonly levels: number) {} }

export function normalizeSignal(s: string): string {
  const up = s.toUpperCase();
  const byNumber: Record<string, string> = { "1": "SIGHUP", "2": "SIGINT", "3": "SIGQUIT", "9": "SIGKILL", "15": "SIGTERM", "10": "SIGUSR1", "28": "SIGWINCH", "0": "EXIT" };
  if (byNumber[up]) return byNumber[up]!;
  if (up === "EXIT") return "EXIT";
  return up.startsWith("SIG") ? up : `SIG${up}`;
}
