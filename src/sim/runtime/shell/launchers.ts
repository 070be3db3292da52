// Programs that run another program: `env VAR=x CMD`, `timeout 5 CMD`, `nohup CMD`, `nice CMD`,
// and `xargs [-n N] [-I R] [CMD]` (the arguments read from stdin). Each resolves to the command
// lines to run; the shell runs them as it runs any command, with the image's tools.

/** One command line to run, with extra environment entries. */
export interface Launch {
  argv: string[];
  env: [string, string][];
}

/** The command lines `name args` stands for, or undefined when it is not a launcher (or runs nothing). */
export function launches(name: string, args: string[], stdin: string): Launch[] | undefined {
  switch (name) {
    case "env": {
      const env: [string, string][] = [];
      let i = 0;
      for (; i < args.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[i]!); i++) {
        const a = args[i]!;
        env.push([a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)]);
      }
      // `env` alone (or only assignments, or options) prints the environment: the env command does that.
      if (i >= args.length || args[0]!.startsWith("-")) return undefined;
      return [{ argv: args.slice(i), env }];
    }
    case "timeout": {
      // timeout [-s SIG] [-k DUR] DURATION CMD…: the commands here end at once or sleep, so the limit is not enforced.
      let i = 0;
      while (i < args.length && args[i]!.startsWith("-")) i += args[i] === "-s" || args[i] === "-k" ? 2 : 1;
      const rest = args.slice(i + 1);
      return rest.length ? [{ argv: rest, env: [] }] : undefined;
    }
    case "nohup": case "nice":
      return args.length && !args[0]!.startsWith("-") ? [{ argv: args, env: [] }] : undefined;
    case "xargs": return xargs(args, stdin);
    default: return undefined;
  }
}

function xargs(args: string[], stdin: string): Launch[] {
  let perCall = Infinity;
  let replace: string | undefined;
  let i = 0;
  for (; i < args.length && args[i]!.startsWith("-"); i++) {
    const a = args[i]!;
    if (a === "-n") perCall = Number(args[++i]) || 1;
    else if (/^-n\d+$/.test(a)) perCall = Number(a.slice(2));
    else if (a === "-I") replace = args[++i];
    else if (a.startsWith("-I")) replace = a.slice(2);
  }
  const command = args.slice(i).length ? args.slice(i) : ["echo"];
  if (replace !== undefined) {
    return stdin.split("\n").filter((l) => l.trim() !== "").map((line) => ({
      argv: command.map((w) => w.split(replace!).join(line.trim())), env: [],
    }));
  }
  const items = stdin.match(/"[^"]*"|'[^']*'|\S+/g)?.map((w) => w.replace(/^(["'])(.*)\1$/, "$2")) ?? [];
  if (items.length === 0) return [{ argv: command, env: [] }];
  const out: Launch[] = [];
  for (let k = 0; k < items.length; k += perCall === Infinity ? items.length : perCall) {
    out.push({ argv: [...command, ...items.slice(k, perCall === Infinity ? items.length : k + perCall)], env: [] });
  }
  return out;
}
