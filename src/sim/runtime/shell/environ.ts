// The order of a process's environment, which `env` prints as is. A program started directly
// (`docker exec c env`, `kubectl exec p -- env`) sees the runtime's order; a shell hands its
// children the variables in the order of its own variable table. busybox ash and dash keep that
// table as dash's 39-bucket hash (var.c hashvar: first byte << 4 plus every byte of the name),
// each bucket in insertion order, which is why `sh -c env` in busybox prints
// HOSTNAME, SHLVL, HOME, PATH, PWD. Shells also export variables of their own at start:
// PWD (ash, dash, bash) and SHLVL (busybox ash and bash, not dash).

export type ShellFlavour = "ash" | "dash" | "bash";

const VTABSIZE = 39;

/** dash/ash's bucket for a variable name. */
export function hashvar(name: string): number {
  const bytes = new TextEncoder().encode(name);
  let h = (bytes[0] ?? 0) << 4;
  for (const b of bytes) h += b;
  return h % VTABSIZE;
}

/** The environment in the order the shell passes it on (insertion order for bash and non-shells). */
export function environOrder(env: Record<string, string>, flavour: ShellFlavour | undefined): Record<string, string> {
  if (flavour !== "ash" && flavour !== "dash") return env;
  const keys = Object.keys(env);
  const order = keys.map((k, i) => ({ k, i, b: hashvar(k) })).sort((x, y) => x.b - y.b || x.i - y.i);
  const out: Record<string, string> = {};
  for (const { k } of order) out[k] = env[k]!;
  return out;
}

/**
 * The flavour of shell a name starts in an image: `sh` is busybox ash, dash on Debian/Ubuntu, and
 * bash where the distribution links /bin/sh to it (Oracle Linux, RHEL, Fedora: no dash).
 */
export function flavourOf(name: string, busybox: boolean, dash = true): ShellFlavour {
  if (name === "bash") return "bash";
  return busybox ? "ash" : dash ? "dash" : "bash";
}
