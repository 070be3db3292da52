// What a container starts with: PID 1's environment as the runtime builds it, and frozen copies of
// the start options (they never change once the container runs, so copies of a world share them).

import { deepFreeze } from "../clone";

const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/**
 * PID 1's environment in the runtime's order (moby CreateDaemonEnvironment, containerd's CRI
 * alike): PATH and HOSTNAME first, TERM with a TTY, then the image's ENV (replacing in place) and
 * the spec's, and HOME last when nobody set it (the user's passwd directory; "/" for a uid without one). `env` run directly prints it in this order.
 */
export function containerEnv(imageEnv: Record<string, string>, hostname: string, specEnv: Record<string, string>, tty: boolean, home = "/root"): Record<string, string> {
  const env: Record<string, string> = { PATH: DEFAULT_PATH, HOSTNAME: hostname };
  if (tty) env["TERM"] = "xterm";
  Object.assign(env, imageEnv, specEnv);
  if (env["HOME"] === undefined) env["HOME"] = home;
  return env;
}

/** A frozen copy of a start option (string lists and maps, port lists): the caller keeps its own. */
export function frozenCopy<T extends object>(value: T | undefined): T | undefined {
  if (value === undefined || Object.isFrozen(value)) return value;
  return deepFreeze(Array.isArray(value) ? value.map((x: unknown) => (typeof x === "object" && x !== null ? { ...x } : x)) as T : { ...value });
}
