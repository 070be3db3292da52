// nginx as the official image runs it: the entrypoint's scripts act on the container's files
// (20-envsubst-on-templates.sh renders /etc/nginx/templates/*.template into conf.d,
// 10-listen-on-ipv6-by-default.sh looks at default.conf and says what it did), then nginx reads
// its configuration (`-c FILE`, else /etc/nginx/nginx.conf) into the model it serves requests with,
// or fails to start with the [emerg] line of the first error.

import type { ImageFacts, LogLine } from "../../images/types";
import type { ContainerFs } from "../fs";
import { buildModel, type NginxModel } from "./config";
import { NginxConfError, parseConfig } from "./parse";

export { serveNginx, nginxPage, type NginxAnswer, type NginxIo, type NginxRequest } from "./serve";
export type { NginxModel } from "./config";

export interface NginxLoad {
  model?: NginxModel;
  /** The first configuration error, as nginx words it (with " in FILE:LINE"). */
  error?: string;
}

const MAIN_CONF = "/etc/nginx/nginx.conf";

/** Reads the configuration as nginx does at start (and for `nginx -t`). */
export function loadNginx(fs: ContainerFs, args: readonly string[], resolves: ((host: string) => boolean) | undefined, defaultPort: number): NginxLoad {
  const c = args.indexOf("-c");
  const path = c >= 0 && args[c + 1] ? (args[c + 1]!.startsWith("/") ? args[c + 1]! : `/etc/nginx/${args[c + 1]}`) : MAIN_CONF;
  try {
    return { model: buildModel(parseConfig(fs, path), { ...(resolves ? { resolves } : {}), defaultPort, fileExists: (p) => fs.isFile(p) }) };
  } catch (e) {
    if (e instanceof NginxConfError) return { error: e.message };
    throw e;
  }
}

const DEFAULT_CONF = "/etc/nginx/conf.d/default.conf";
const IPV6 = "10-listen-on-ipv6-by-default.sh";

/**
 * The entrypoint's lines for this container (the plan's, by version) with what its scripts found,
 * after doing what they do to the files. `lines` are the plan's wrapper lines for an untouched image.
 */
export function runEntrypoint(fs: ContainerFs, image: ImageFacts, env: Readonly<Record<string, string>>, lines: readonly LogLine[]): LogLine[] {
  const out: LogLine[] = [];
  const say = (text: string, like: LogLine): void => { out.push({ ...like, text }); };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.text === `${IPV6}: info: Getting the checksum of ${DEFAULT_CONF}`) {
      for (const t of ipv6Script(fs, image)) say(t, line);
      if (lines[i + 1]?.text.startsWith(`${IPV6}: info: Enabled`)) i++;
      continue;
    }
    out.push(line);
    if (line.text.endsWith("Launching /docker-entrypoint.d/20-envsubst-on-templates.sh")) {
      for (const t of envsubstTemplates(fs, env)) say(t, line);
    }
  }
  return out;
}

function ipv6Script(fs: ContainerFs, image: ImageFacts): string[] {
  const content = fs.read(DEFAULT_CONF);
  if (!fs.isFile(DEFAULT_CONF) || typeof content !== "string") return [`${IPV6}: info: ${DEFAULT_CONF} is not a file or does not exist`];
  // touch: the file's own filesystem decides (a ConfigMap volume, a `:ro` bind mount are read-only).
  const touched = fs.write(DEFAULT_CONF, content);
  if (touched !== undefined) return [`${IPV6}: info: can not modify ${DEFAULT_CONF} (read-only file system?)`];
  // The image's file is what the script made of the packaged one on a first start.
  if (content === image.files[DEFAULT_CONF]) {
    return [`${IPV6}: info: Getting the checksum of ${DEFAULT_CONF}`, `${IPV6}: info: Enabled listen on IPv6 in ${DEFAULT_CONF}`];
  }
  if (content.includes("listen  [::]:80;")) return [`${IPV6}: info: IPv6 listen already enabled`];
  return [`${IPV6}: info: Getting the checksum of ${DEFAULT_CONF}`, `${IPV6}: info: ${DEFAULT_CONF} differs from the packaged version`];
}

/** 20-envsubst-on-templates.sh: every `*.template` below the template directory, through envsubst of the defined variables. */
function envsubstTemplates(fs: ContainerFs, env: Readonly<Record<string, string>>): string[] {
  const dir = (env["NGINX_ENVSUBST_TEMPLATE_DIR"] || "/etc/nginx/templates").replace(/\/$/, "");
  const suffix = env["NGINX_ENVSUBST_TEMPLATE_SUFFIX"] || ".template";
  const outDir = (env["NGINX_ENVSUBST_OUTPUT_DIR"] || "/etc/nginx/conf.d").replace(/\/$/, "");
  if (!fs.isDir(dir)) return [];
  const me = "20-envsubst-on-templates.sh";
  const templates = filesBelow(fs, dir).filter((f) => f.endsWith(suffix));
  if (templates.length === 0) return [];
  const lines: string[] = [];
  for (const t of templates) {
    const rel = t.slice(dir.length + 1);
    const output = `${outDir}/${rel.slice(0, -suffix.length)}`;
    const sub = rel.includes("/") ? `${outDir}/${rel.slice(0, rel.lastIndexOf("/"))}` : outDir;
    const src = fs.read(t);
    const rendered = typeof src === "string" ? envsubst(src, env) : "";
    // The script checks `[ -w "$output_dir" ]` before it renders anything.
    if ((fs.mkdir(sub, true) !== undefined && !fs.isDir(sub)) || fs.write(output, rendered) !== undefined) {
      return [`${me}: ERROR: ${dir} exists, but ${outDir} is not writable`];
    }
    lines.push(`${me}: Running envsubst on ${t} to ${output}`);
  }
  return lines;
}

/** envsubst with the list of defined variables: `$NAME` and `${NAME}` of those only; the rest stays. */
function envsubst(text: string, env: Readonly<Record<string, string>>): string {
  return text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (all, a: string | undefined, b: string | undefined) => {
    const name = (a ?? b)!;
    return Object.hasOwn(env, name) ? env[name]! : all;
  });
}

function filesBelow(fs: ContainerFs, dir: string, depth = 0): string[] {
  if (depth > 8) return [];
  const out: string[] = [];
  for (const n of [...fs.list(dir)].sort()) {
    const p = `${dir}/${n}`;
    if (fs.isDir(p)) out.push(...filesBelow(fs, p, depth + 1));
    else if (fs.isFile(p)) out.push(p);
  }
  return out;
}
