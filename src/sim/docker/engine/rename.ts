// `docker rename CONTAINER NEW_NAME` (cli/command/container/rename.go; moby daemon/rename.go) and
// the daemon's container-name rule (daemon/names.go reserveName), shared with create: a name is
// [a-zA-Z0-9][a-zA-Z0-9_.-]…, an optional leading "/" aside. The daemon's pattern also wants two
// characters at least; one-letter names are still accepted here (the test suite uses them widely).

import type { Invocation } from "../../cli/command";
import type { ExecResult, ProgramContext } from "../../programs/registry";
import { engineHost, ERR_DAEMON, errNoSuchContainer, findContainer } from "./state";

const VALID_NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** reserveName's refusal of a malformed name (as given: create passes it bare, rename with its "/"). */
export function invalidContainerName(name: string): string | undefined {
  return VALID_NAME.test(name) ? undefined : `Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`;
}

export function rename(ctx: ProgramContext, inv: Invocation): ExecResult {
  const fail = (stderr: string): ExecResult => ({ exitCode: 1, stdout: "", stderr: stderr + "\n" });
  const [oldName = "", given = ""] = inv.args;
  // The client's own check, on the trimmed names.
  if (!oldName.trim() || !given.trim()) return fail("Error: Neither old nor new names may be empty");
  const h = engineHost(ctx.world, ctx.host.name);
  const c = findContainer(h, oldName);
  if (!c || c === "ambiguous") return fail(errNoSuchContainer(oldName));
  const newName = given.startsWith("/") ? given : `/${given}`;
  if (newName === `/${c.name}`) return fail(`${ERR_DAEMON}Renaming a container with the same name as its current name`);
  const invalid = invalidContainerName(newName);
  if (invalid) return fail(`${ERR_DAEMON}Error when allocating new name: ${invalid}`);
  const clash = h.containers.find((x) => `/${x.name}` === newName);
  if (clash) {
    return fail(`${ERR_DAEMON}Error when allocating new name: Conflict. The container name "${newName}" is already in use by container "${clash.id}". You have to remove (or rename) that container to be able to reuse that name.`);
  }
  const old = c.name;
  // Its network endpoints take the new name (the embedded DNS answers it, no longer the old one).
  c.name = newName.slice(1);
  ctx.world.record("engine", "container-renamed", c.name, { host: ctx.host.name, id: c.id, from: old });
  return { exitCode: 0, stdout: "", stderr: "" };
}
