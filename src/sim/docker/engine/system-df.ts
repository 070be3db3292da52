// `docker system df` (docker/cli cli/command/system/df.go, formatter/disk_usage.go over moby's
// DiskUsage): one row per kind — Images, Containers, Local Volumes, Build Cache — with TOTAL,
// ACTIVE, SIZE and RECLAIMABLE (go-units HumanSize; "(N%)" of the kind's size when it is not
// zero). An image is active when a container (even a stopped one) uses it, a container when it
// runs (or is paused), a volume when a container mounts it; a container's size is its writable
// layer (nothing here: the model keeps no layer sizes for what containers write), a volume's the
// files in it. No build cache is kept (`docker build` is not simulated).

import type { Invocation } from "../../cli/command";
import { dockerFormat } from "../../cli/format/docker-format";
import type { ExecResult, ProgramContext } from "../../programs/registry";
import { humanSize } from "./more-commands";
import { engineHost } from "./state";
import { volumeDataDir } from "./volume-mounts";

const DEFAULT_TABLE = "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}";
const HEADERS = { Type: "TYPE", TotalCount: "TOTAL", Active: "ACTIVE", Size: "SIZE", Reclaimable: "RECLAIMABLE" };

const size = (bytes: number): string => humanSize(bytes, 4);
/** The kinds' Reclaimable(): the bytes, and their share of the kind's size when there is one. */
const reclaimable = (bytes: number, total: number): string => (total > 0 ? `${size(bytes)} (${Math.floor((bytes * 100) / total)}%)` : size(bytes));

export function systemDf(ctx: ProgramContext, inv: Invocation): ExecResult {
  if (inv.flags.bool("verbose")) return { exitCode: 1, stdout: "", stderr: "clustergrade: 'docker system df -v' is not implemented by this simulator\n" };
  const h = engineHost(ctx.world, ctx.host.name);
  const usedBy = (ref: string, id: string) => h.containers.some((c) => c.image === ref || `${c.image}:latest` === ref || c.imageId.endsWith(id));
  const imagesTotal = h.images.reduce((s, i) => s + i.size, 0);
  const imagesUsed = h.images.filter((i) => usedBy(i.ref, i.id));
  const running = h.containers.filter((c) => c.status === "running" || c.status === "paused");
  const mounted = new Set(h.containers.flatMap((c) => c.mounts.filter((m) => m.type === "volume").map((m) => m.source)));
  const fs = ctx.world.host(ctx.host.name)?.fs;
  const volumeSize = (name: string) => (fs ? fs.list(volumeDataDir(name), true).reduce((s, p) => s + new TextEncoder().encode(fs.read(p) ?? "").length, 0) : 0);
  const volumesTotal = h.volumes.reduce((s, v) => s + volumeSize(v.name), 0);
  const volumesFree = h.volumes.filter((v) => !mounted.has(v.name)).reduce((s, v) => s + volumeSize(v.name), 0);
  const rows = [
    { Type: "Images", TotalCount: String(h.images.length), Active: String(imagesUsed.length), Size: size(imagesTotal),
      Reclaimable: reclaimable(imagesTotal - imagesUsed.reduce((s, i) => s + i.size, 0), imagesTotal) },
    { Type: "Containers", TotalCount: String(h.containers.length), Active: String(running.length), Size: size(0), Reclaimable: reclaimable(0, 0) },
    { Type: "Local Volumes", TotalCount: String(h.volumes.length), Active: String(h.volumes.filter((v) => mounted.has(v.name)).length),
      Size: size(volumesTotal), Reclaimable: reclaimable(volumesFree, volumesTotal) },
    { Type: "Build Cache", TotalCount: "0", Active: "0", Size: size(0), Reclaimable: size(0) },
  ];
  const r = dockerFormat(inv.flags.str("format") || DEFAULT_TABLE, rows, { headers: HEADERS });
  return r.ok ? { exitCode: 0, stdout: r.stdout, stderr: "" } : { exitCode: 1, stdout: "", stderr: r.stderr };
}
