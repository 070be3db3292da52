// Who a container's processes run as, resolved the way runc/containerd do it (opencontainers
// user.GetExecUser and containerd's WithUser/WithAdditionalGIDs): a user spec "UID", "UID:GID",
// "NAME" or "NAME:GROUP" against the image's /etc/passwd and /etc/group. A numeric uid without a
// passwd entry runs with gid 0; the supplementary groups are the primary gid (containerd and moby
// add it since CVE-2023-25173), the groups listing the user's name in /etc/group, and the extra
// ones (Kubernetes fsGroup and supplementalGroups, docker --group-add) — the kernel keeps them
// sorted. buildkit's integration test pins the results on busybox: root → groups=0(root),10(wheel);
// USER 1234 → uid=1234 gid=0(root) groups=0(root); USER 1234:1234 → groups=1234.

import { freezeConstant } from "../clone";
import type { ContainerFs } from "./fs";
import type { ShellFs } from "./shell/types";

export interface ProcessIdentity {
  uid: number;
  gid: number;
  /** Supplementary groups, sorted (getgroups order). */
  groups: number[];
  /** $HOME as runc sets it: the passwd entry's directory, "/" without one. */
  home: string;
}

interface Entry { name: string; id: number; gid: number; members: string[]; home: string }

/**
 * Parsed files by path and content: every container start resolves its user, and the same image
 * files come back each time (a pure cache, bounded; the entries are frozen).
 */
const parsed = { "/etc/passwd": new Map<string, readonly Entry[]>(), "/etc/group": new Map<string, readonly Entry[]>() };
const PARSED_MAX = 128;

/** /etc/passwd or /etc/group entries (name, id, primary gid or member list). */
function entries(fs: Pick<ShellFs, "read">, path: "/etc/passwd" | "/etc/group"): readonly Entry[] | undefined {
  const text = fs.read(path);
  if (text === "ENOENT" || text === "EISDIR" || text === "ENOTDIR") return undefined;
  // Keyed by the text itself: the same string object comes back from the image's files, so its hash is computed once.
  const cache = parsed[path];
  let hit = cache.get(text);
  if (hit === undefined) {
    if (cache.size >= PARSED_MAX) cache.clear();
    cache.set(text, (hit = freezeConstant(parse(text, path))));
  }
  return hit;
}

function parse(text: string, path: "/etc/passwd" | "/etc/group"): Entry[] {
  const out: Entry[] = [];
  for (const line of text.split("\n")) {
    const f = line.split(":");
    if (f.length < 3 || !/^\d+$/.test(f[2]!)) continue;
    const user = path === "/etc/passwd";
    out.push({ name: f[0]!, id: Number(f[2]), gid: user ? Number(f[3] ?? 0) : Number(f[2]), members: user ? [] : (f[3] ?? "").split(",").filter(Boolean), home: user ? f[5] ?? "/" : "" });
  }
  return out;
}

/** The name of a uid or gid in the container's files; root is root even in an image without them. */
export function accountName(fs: Pick<ShellFs, "read">, kind: "user" | "group", id: number): string | undefined {
  const list = entries(fs, kind === "user" ? "/etc/passwd" : "/etc/group");
  if (!list) return id === 0 ? "root" : undefined;
  return list.find((e) => e.id === id)?.name;
}

/**
 * Resolves a user spec (the image's USER, `--user`, or Kubernetes runAsUser[:runAsGroup]) with
 * extra supplementary groups. A name that is not in /etc/passwd: runc's error text.
 */
export function resolveIdentity(fs: Pick<ShellFs, "read">, spec: string, extraGroups: readonly number[] = []): ProcessIdentity | { error: string } {
  const [userPart = "", groupPart] = spec.split(":") as [string, string | undefined];
  const passwd = entries(fs, "/etc/passwd") ?? [];
  const groups = entries(fs, "/etc/group") ?? [];
  let uid = 0;
  let gid = 0;
  let name: string | undefined;
  let home = "/";
  if (userPart === "" || /^\d+$/.test(userPart)) {
    uid = Number(userPart || 0);
    const e = passwd.find((x) => x.id === uid);
    if (e) { gid = e.gid; name = e.name; home = e.home; } else if (uid === 0) { name = "root"; home = "/root"; }
  } else {
    const e = passwd.find((x) => x.name === userPart);
    if (!e) return { error: `unable to find user ${userPart}: no matching entries in passwd file` };
    uid = e.id; gid = e.gid; name = e.name; home = e.home;
  }
  if (groupPart !== undefined && groupPart !== "") {
    if (/^\d+$/.test(groupPart)) gid = Number(groupPart);
    else {
      const g = groups.find((x) => x.name === groupPart);
      if (!g) return { error: `unable to find group ${groupPart}: no matching entries in group file` };
      gid = g.id;
    }
  }
  const all = new Set<number>([gid, ...extraGroups]);
  // Memberships by name; an explicit group (UID:GID) still gets them, as GetExecUser does.
  if (name !== undefined) for (const g of groups) if (g.members.includes(name)) all.add(g.id);
  return { uid, gid, groups: [...all].sort((a, b) => a - b), home };
}

/**
 * A container's identity from its user spec (default: the image's USER), and the filesystem told
 * who writes. Owners and modes are checked only for a uid the image was not built for (not its
 * USER): the image's own files are modelled as root's, which its USER may well own in the real
 * image. A user name given for the container (`--user`) that /etc/passwd lacks is the start
 * error moby reports.
 */
export function containerIdentity(fs: ContainerFs, imageUser: string, user: string | undefined, extraGroups: readonly number[] = []): { identity: ProcessIdentity; error?: string } {
  const who = resolveIdentity(fs, user ?? imageUser, extraGroups);
  // An image's own USER missing from the catalogue's /etc/passwd is a gap in the model, not the
  // image's fault: it runs (as root here, unchecked) rather than failing to start.
  if ("error" in who) return { identity: { uid: 0, gid: 0, groups: [0], home: "/root" }, ...(user !== undefined ? { error: who.error } : {}) };
  fs.setWriter(who, checksPermissions(fs, imageUser, who));
  return { identity: who };
}

/** Whether writes by `who` are checked against owners and modes (see containerIdentity). */
export function checksPermissions(fs: Pick<ShellFs, "read">, imageUser: string, who: ProcessIdentity): boolean {
  if (who.uid === 0) return false;
  const built = resolveIdentity(fs, imageUser);
  return "error" in built || built.uid !== who.uid;
}
