// id and whoami from the process's identity (runtime/identity.ts) and the container's /etc/passwd
// and /etc/group. busybox prints "uid=1000 gid=3000 groups=2000,3000" — a name in parentheses only
// where the files have one, the groups in getgroups order (sorted); GNU coreutils puts the
// effective gid first ("groups=3000,2000"). A uid without a passwd entry has no name: `whoami`
// and `id -un` fail (busybox "unknown uid 1000" / "unknown ID 1000", GNU "cannot find name for
// user ID 1000"), still printing the number for id.

import { accountName, resolveIdentity, type ProcessIdentity } from "../identity";
import type { CommandFn, CommandContext } from "./commands";
import { flags } from "./commands-fs";

const ROOT: ProcessIdentity = { uid: 0, gid: 0, groups: [0], home: "/root" };
const who = (ctx: CommandContext): ProcessIdentity => ctx.host.identity ?? ROOT;

/** getgroups as each flavour lists it: busybox as the kernel keeps it, GNU with the gid first. */
function groupList(ctx: CommandContext, id: ProcessIdentity): number[] {
  return ctx.gnu ? [id.gid, ...id.groups.filter((g) => g !== id.gid)] : id.groups;
}

export const id: CommandFn = (args, io, ctx) => {
  const { opts, rest } = flags(args);
  let me = who(ctx);
  if (rest[0] !== undefined) {
    const r = resolveIdentity(ctx.host.fs, rest[0]);
    if ("error" in r || (!/^\d+$/.test(rest[0]) && accountName(ctx.host.fs, "user", r.uid) === undefined)) {
      io.err(ctx.gnu ? `id: '${rest[0]}': no such user\n` : `id: unknown user ${rest[0]}\n`);
      return 1;
    }
    me = r;
  }
  const name = (kind: "user" | "group", n: number) => accountName(ctx.host.fs, kind, n);
  const only = opts.has("u") ? "user" : opts.has("g") ? "group" : opts.has("G") ? "groups" : undefined;
  if (only) {
    const ids = only === "user" ? [me.uid] : only === "group" ? [me.gid] : groupList(ctx, me);
    const kind = only === "user" ? "user" : "group";
    let status = 0;
    const words = ids.map((n) => {
      if (!opts.has("n")) return String(n);
      const nm = name(kind, n);
      if (nm !== undefined) return nm;
      status = 1;
      io.err(ctx.gnu ? `id: cannot find name for ${kind} ID ${n}\n` : `id: unknown ID ${n}\n`);
      return String(n);
    });
    io.out(words.join(" ") + "\n");
    return status;
  }
  const show = (kind: "user" | "group", n: number) => { const nm = name(kind, n); return nm === undefined ? String(n) : `${n}(${nm})`; };
  io.out(`uid=${show("user", me.uid)} gid=${show("group", me.gid)} groups=${groupList(ctx, me).map((g) => show("group", g)).join(",")}\n`);
  return 0;
};

export const whoami: CommandFn = (_args, io, ctx) => {
  const uid = who(ctx).uid;
  const nm = accountName(ctx.host.fs, "user", uid);
  if (nm !== undefined) { io.out(`${nm}\n`); return 0; }
  io.err(ctx.gnu ? `whoami: cannot find name for user ID ${uid}\n` : `whoami: unknown uid ${uid}\n`);
  return 1;
};
