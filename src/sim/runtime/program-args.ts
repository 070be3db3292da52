// Reading a program's own arguments: Go/GNU-style flags with values, positional arguments, and
// getopt's clusters of one-letter options (busybox applets: `httpd -fvp 8080`).

/** The value of a Go/GNU-style flag: `-text=x`, `--text=x`, `-text x`, `--text x`. */
export function flagValue(args: string[], flag: string): string | undefined {
  const names = [flag, flag.startsWith("--") ? flag.slice(1) : `-${flag}`];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    for (const n of names) {
      if (a.startsWith(`${n}=`)) return a.slice(n.length + 1);
      if (a === n && i + 1 < args.length) return args[i + 1];
    }
  }
  return undefined;
}

/** Positional arguments: not flags, and not the value of a preceding `-flag` without "=". */
export function positionals(args: string[]): string[] {
  return args.filter((a, i) => !a.startsWith("-") && !(i > 0 && /^-[^=]+$/.test(args[i - 1]!) && args[i - 1] !== "--"));
}

/**
 * The value getopt gives the one-letter option `letter` (`-p 80`, `-p80`, `-fp 80`), or "" when it
 * is given without one: in each cluster of single-dash options, a letter from `valued` takes the
 * rest of the cluster (or the next argument) as its value. `--` ends the options, as does the first
 * positional argument (busybox's getopt32 stops there). Undefined when the option is absent.
 */
export function shortOptionValue(args: readonly string[], letter: string, valued: string): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--" || !a.startsWith("-") || a === "-") break;
    if (a.startsWith("--")) continue;
    for (let k = 1; k < a.length; k++) {
      const c = a[k]!;
      if (!valued.includes(c)) {
        if (c === letter) found = "";
        continue;
      }
      const value = k < a.length - 1 ? a.slice(k + 1) : args[++i] ?? "";
      if (c === letter) found = value;
      break;
    }
  }
  return found;
}
