// `docker system df [-v]` (docker/cli cli/command/system/df.go, formatter/disk_usage.go over
// moby's DiskUsage). The summary: one row per kind — Images, Containers, Local Volumes, Build
// Cache — with TOTAL, ACTIVE, SIZE and RECLAIMABLE (go-units HumanSize; "(N%)" of the kind's size
// when it is not zero). An image is active when a container (even a stopped one) uses it, a
// container when it runs (or is paused, or restarting), a volume when a container mounts it; a
// container's size is its writable layer (container-size.ts), a volume's the files in it.
// -v: the verbose tables, each section its own tabwriter (verboseWriteTable): "Images space
// usage:" (the first tag of each image, SHARED SIZE — no layer here is shared — UNIQUE SIZE and
// CONTAINERS), "Containers space usage:" (the layer only, no virtual size), "Local Volumes space
// usage:" (LINKS: the containers that mount it) and "Build cache usage: 0B" (`docker build` is
// not simulated: no cache record).

import type { Invocation } from "../../cli/command";
import { dockerFormat, dockerPreFormat } from "../../cli/format/docker-format";
import { dockerAgo } from "../../cli/format/duration";
import { compileGoTemplate, renderGoTemplate } from "../../cli/format/gotemplate";
import { renderTable } from "../../cli/format/tabwriter";
import type { ExecResult, ProgramContext } from "../../programs/registry";
import { containerStatus, listedCommand, quoteCommand } from "../compose/commands";
import { localVolumesText, psImageText } from "./container-summary";
import { containerSizeRw } from "./container-size";
import { imageReferences } from "./image-delete";
import { humanSize } from "./more-commands";
import { engineHost, type Container, type EngineHost, type ImageRecord } from "./state";
import { volumeDataDir } from "./volume-mounts";

const DEFAULT_TABLE = "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}";
const HEADERS = { Type: "TYPE", TotalCount: "TOTAL", Active: "ACTIVE", Size: "SIZE", Reclaimable: "RECLAIMABLE" };

const size = (bytes: number): string => humanSize(bytes, 4);
/** The kinds' Reclaimable(): the bytes, and their share of the kind's size when there is one. */
const reclaimable = (bytes: number, total: number): string => (total > 0 ? `${size(bytes)} (${Math.floor((bytes * 100) / total)}%)` : size(bytes));
const isActive = (c: Container) => c.status === "running" || c.status === "paused" || c.status === "restarting";

/** moby's DiskUsage: the images (one per ID, newest first), containers (newest first), volumes. */
interface DiskUsage {
  images: { img: ImageRecord; tags: string[]; containers: number }[];
  containers: { c: Container; sizeRw: number }[];
  volumes: { name: string; links: number; size: number }[];
}

function diskUsage(ctx: ProgramContext, h: EngineHost): DiskUsage {
  const firsts = new Map<string, ImageRecord>();
  for (const i of h.images) if (!firsts.has(i.id)) firsts.set(i.id, i);
  const images = [...firsts.values()].sort((a, b) => b.created - a.created || (a.ref < b.ref ? -1 : 1)).map((img) => ({
    img,
    tags: imageReferences(h, img.id).filter((r) => !r.canonical).map((r) => r.text),
    containers: h.containers.filter((c) => c.imageId.endsWith(img.id)).length,
  }));
  const seq = new Map(h.containers.map((c, i) => [c, i]));
  const containers = [...h.containers].sort((a, b) => b.created - a.created || seq.get(b)! - seq.get(a)!)
    .map((c) => ({ c, sizeRw: containerSizeRw(ctx.world, ctx.host.name, c) }));
  const fs = ctx.world.host(ctx.host.name)?.fs;
  const volumeSize = (name: string) => (fs ? fs.list(volumeDataDir(name), true).reduce((s, p) => s + new TextEncoder().encode(fs.read(p) ?? "").length, 0) : 0);
  const volumes = [...h.volumes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((v) => ({
    name: v.name,
    links: h.containers.filter((c) => c.mounts.some((m) => m.type === "volume" && m.source === v.name)).length,
    size: volumeSize(v.name),
  }));
  return { images, containers, volumes };
}

function summaryRows(du: DiskUsage) {
  const imagesTotal = du.images.reduce((s, i) => s + i.img.size, 0);
  const imagesUsed = du.images.filter((i) => i.containers > 0);
  const containersTotal = du.containers.reduce((s, c) => s + c.sizeRw, 0);
  const containersFree = du.containers.filter((c) => !isActive(c.c)).reduce((s, c) => s + c.sizeRw, 0);
  const volumesTotal = du.volumes.reduce((s, v) => s + v.size, 0);
  const volumesFree = du.volumes.filter((v) => v.links === 0).reduce((s, v) => s + v.size, 0);
  return [
    { Type: "Images", TotalCount: String(du.images.length), Active: String(imagesUsed.length), Size: size(imagesTotal),
      Reclaimable: reclaimable(imagesTotal - imagesUsed.reduce((s, i) => s + i.img.size, 0), imagesTotal) },
    { Type: "Containers", TotalCount: String(du.containers.length), Active: String(du.containers.filter((c) => isActive(c.c)).length),
      Size: size(containersTotal), Reclaimable: reclaimable(containersFree, containersTotal) },
    { Type: "Local Volumes", TotalCount: String(du.volumes.length), Active: String(du.volumes.filter((v) => v.links > 0).length),
      Size: size(volumesTotal), Reclaimable: reclaimable(volumesFree, volumesTotal) },
    { Type: "Build Cache", TotalCount: "0", Active: "0", Size: size(0), Reclaimable: size(0) },
  ];
}

/** The verbose contexts' fields (imageContext, ContainerContext with SizeRootFs 0, volumeContext). */
function verboseRows(ctx: ProgramContext, h: EngineHost, du: DiskUsage, trunc: boolean) {
  const images = du.images.map(({ img, tags, containers }) => {
    // Only the first tag is shown; an image without one is <none> <none>.
    const first = tags[0];
    const colon = first ? first.lastIndexOf(":") : -1;
    return {
      Repository: first ? first.slice(0, colon) : "<none>", Tag: first ? first.slice(colon + 1) : "<none>",
      ID: trunc ? img.id.slice(0, 12) : `sha256:${img.id}`, CreatedSince: dockerAgo(ctx.world.now - img.created),
      Size: humanSize(img.size), SharedSize: size(0), UniqueSize: size(img.size), Containers: String(containers),
    };
  });
  const containers = du.containers.map(({ c, sizeRw }) => ({
    ID: trunc ? c.id.slice(0, 12) : c.id, Image: psImageText(h, c, trunc),
    Command: trunc ? quoteCommand(c.command) : JSON.stringify(listedCommand(c.command)), LocalVolumes: localVolumesText(c),
    Size: humanSize(sizeRw), RunningFor: dockerAgo(ctx.world.now - c.created), Status: containerStatus(c, ctx.world.now), Names: c.name,
  }));
  const volumes = du.volumes.map((v) => ({ Name: v.name, Links: String(v.links), Size: size(v.size) }));
  return { Images: images, Containers: containers, Volumes: volumes, BuildCache: [] as Record<string, string>[] };
}

/** verboseWriteTable: four sections, each a title and its own table (the header even when empty). */
function verboseTable(rows: ReturnType<typeof verboseRows>): string {
  const table = (header: string[], body: string[][]) => renderTable([header, ...body]);
  return "Images space usage:\n\n"
    + table(["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE", "SHARED SIZE", "UNIQUE SIZE", "CONTAINERS"],
      rows.Images.map((i) => [i.Repository, i.Tag, i.ID, i.CreatedSince, i.Size, i.SharedSize, i.UniqueSize, i.Containers]))
    + "\nContainers space usage:\n\n"
    + table(["CONTAINER ID", "IMAGE", "COMMAND", "LOCAL VOLUMES", "SIZE", "CREATED", "STATUS", "NAMES"],
      rows.Containers.map((c) => [c.ID, c.Image, c.Command, c.LocalVolumes, c.Size, c.RunningFor, c.Status, c.Names]))
    + "\nLocal Volumes space usage:\n\n"
    + table(["VOLUME NAME", "LINKS", "SIZE"], rows.Volumes.map((v) => [v.Name, v.Links, v.Size]))
    + `\nBuild cache usage: ${size(0)}\n\n`
    + table(["CACHE ID", "CACHE TYPE", "SIZE", "CREATED", "LAST USED", "USAGE", "SHARED"], []);
}

export function systemDf(ctx: ProgramContext, inv: Invocation): ExecResult {
  const h = engineHost(ctx.world, ctx.host.name);
  const du = diskUsage(ctx, h);
  const format = inv.flags.str("format");
  if (inv.flags.bool("verbose")) {
    // A format other than `table` runs once over the whole usage (.Images, .Containers, .Volumes, .BuildCache).
    const table = format === "" || format === "table";
    const rows = verboseRows(ctx, h, du, table || dockerPreFormat(format).table);
    if (table) return { exitCode: 0, stdout: verboseTable(rows), stderr: "" };
    // Parse errors are the formatter's; the one Execute's error comes back bare, after what it wrote.
    const compiled = compileGoTemplate(dockerPreFormat(format).text);
    if (!compiled.ok) return { exitCode: 1, stdout: "", stderr: `template parsing error: ${compiled.error}\n` };
    const r = renderGoTemplate(compiled.tpl, rows, { objects: "struct", rootType: "*formatter.diskUsageContext" });
    return r.ok ? { exitCode: 0, stdout: r.text, stderr: "" } : { exitCode: 1, stdout: r.partial, stderr: `${r.error}\n` };
  }
  const r = dockerFormat(format || DEFAULT_TABLE, summaryRows(du), { headers: HEADERS, rootType: "*formatter.diskUsageImagesContext" });
  return r.ok ? { exitCode: 0, stdout: r.stdout, stderr: "" } : { exitCode: 1, stdout: "", stderr: r.stderr };
}
