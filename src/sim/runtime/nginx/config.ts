// What nginx makes of its configuration at start: the virtual servers with their listen ports and
// names, their locations with the settings each inherits (root, index, try_files, return,
// proxy_pass, error_page…), and the upstream groups. The checks nginx's handlers make while
// reading (a listen port that is no number, a duplicate location, an upstream host that does not
// resolve…) raise NginxConfError with nginx's wording; conflicting server names are warnings.

import { NginxConfError, type Directive } from "./parse";

export interface Listen { port: number; defaultServer: boolean; ssl: boolean; ipv6: boolean }

export interface Settings {
  root: string;
  alias?: string;
  index: string[];
  autoindex: boolean;
  tryFiles?: string[];
  ret?: { code: number; text?: string };
  /** `access_log off;` (the innermost access_log decides). */
  accessLogOff?: boolean;
  /** allow/deny rules in order (a block with its own replaces the inherited ones). */
  access: { allow: boolean; from: string }[];
  /** The block's own `rewrite regex replacement [flag]` lines, in order (never inherited). */
  rewrites?: Rewrite[];
  proxyPass?: string;
  errorPages: { codes: number[]; uri: string; status?: number }[];
  addHeaders: [string, string][];
  defaultType: string;
  types: Record<string, string>;
}

export interface Rewrite { regex: string; replacement: string; flag?: "last" | "break" | "redirect" | "permanent" }

export interface Location {
  modifier: "=" | "^~" | "~" | "~*" | "";
  path: string;
  settings: Settings;
}

export interface Server {
  listens: Listen[];
  names: string[];
  /** A `return` in the server block itself: answered before any location is looked at. */
  ret?: { code: number; text?: string };
  rewrites?: Rewrite[];
  settings: Settings;
  locations: Location[];
}

export interface NginxModel {
  servers: Server[];
  upstreams: Record<string, string[]>;
  ports: number[];
  /** [warn] lines nginx printed while reading (conflicting server names). */
  warnings: string[];
}

export interface BuildOptions {
  /** Whether a host name resolves from the container (undefined: assume it does). */
  resolves?: (host: string) => boolean;
  /** The port a server without `listen` takes: 80 as root, 8000 otherwise. */
  defaultPort: number;
  /** Whether a file exists in the container (certificates are loaded while the configuration is read). */
  fileExists?: (path: string) => boolean;
}

const DEFAULTS: Settings = {
  // --prefix=/etc/nginx: `root html` is /etc/nginx/html.
  root: "/etc/nginx/html", index: ["index.html"], autoindex: false, errorPages: [], addHeaders: [], access: [],
  defaultType: "text/plain", types: { html: "text/html", htm: "text/html", css: "text/css", js: "application/javascript", json: "application/json", txt: "text/plain" },
};

const err = (d: Directive, text: string) => new NginxConfError(text, d.file, d.line);

function flag(d: Directive): boolean {
  const v = d.args[0]!;
  if (v !== "on" && v !== "off") throw err(d, `invalid value "${v}" in "${d.name}" directive, it must be "on" or "off"`);
  return v === "on";
}

/** `return code [text]`, `return URL`. */
function parseReturn(d: Directive): { code: number; text?: string } {
  const [a, b] = d.args as [string, string | undefined];
  if (b === undefined && /^(https?:\/\/|\$scheme)/.test(a)) return { code: 302, text: a };
  if (!/^\d+$/.test(a) || Number(a) > 999) throw err(d, `invalid return code "${a}"`);
  return b === undefined ? { code: Number(a) } : { code: Number(a), text: b };
}

/** The settings a block sets over what it inherits (ngx_http_core merge: inner wins). */
function settingsOf(block: Directive[], inherited: Settings): Settings {
  const s: Settings = { ...inherited, errorPages: inherited.errorPages, addHeaders: inherited.addHeaders };
  let ownErrorPages = false;
  let ownAccess = false;
  let ownHeaders = false;
  const seen = new Set<string>();
  for (const d of block) {
    const dup = (name: string) => {
      if (seen.has(name)) throw err(d, `"${name}" directive is duplicate`);
      seen.add(name);
    };
    switch (d.name) {
      case "root":
        if (seen.has("alias")) throw err(d, `"root" directive is duplicate, "alias" directive was specified earlier`);
        dup("root"); s.root = d.args[0]!.replace(/\/$/, "") || "/"; s.alias = undefined; break;
      case "alias":
        if (seen.has("root")) throw err(d, `"alias" directive is duplicate, "root" directive was specified earlier`);
        dup("alias"); s.alias = d.args[0]!; break;
      case "index": s.index = [...(seen.has("index") ? s.index : []), ...d.args]; seen.add("index"); break;
      case "autoindex": s.autoindex = flag(d); break;
      case "try_files": dup("try_files"); s.tryFiles = d.args; break;
      case "return": s.ret ??= parseReturn(d); break;
      case "rewrite": {
        const flag = d.args[2];
        if (flag !== undefined && !["last", "break", "redirect", "permanent"].includes(flag)) throw err(d, `invalid parameter "${flag}"`);
        s.rewrites = [...(s.rewrites ?? []), { regex: d.args[0]!, replacement: d.args[1]!, ...(flag ? { flag: flag as Rewrite["flag"] } : {}) }];
        break;
      }
      case "proxy_pass": {
        dup("proxy_pass");
        if (!/^https?:\/\//.test(d.args[0]!)) throw err(d, `invalid URL prefix in "${d.args[0]}"`);
        s.proxyPass = d.args[0]!;
        break;
      }
      case "error_page": {
        if (!ownErrorPages) { s.errorPages = []; ownErrorPages = true; }
        const args = [...d.args];
        const uri = args.pop()!;
        let status: number | undefined;
        if (args.length && args[args.length - 1]!.startsWith("=")) status = Number(args.pop()!.slice(1)) || undefined;
        const codes = args.map((c) => {
          if (!/^\d+$/.test(c) || Number(c) < 300 || Number(c) > 599) throw err(d, `value "${c}" must be between 300 and 599`);
          return Number(c);
        });
        s.errorPages = [...s.errorPages, { codes, uri, ...(status !== undefined ? { status } : {}) }];
        break;
      }
      case "access_log": s.accessLogOff = d.args[0] === "off"; break;
      case "allow":
      case "deny":
        if (!ownAccess) { s.access = []; ownAccess = true; }
        s.access = [...s.access, { allow: d.name === "allow", from: d.args[0] ?? "all" }];
        break;
      case "add_header":
        if (!ownHeaders) { s.addHeaders = []; ownHeaders = true; }
        s.addHeaders = [...s.addHeaders, [d.args[0]!, d.args[1] ?? ""]];
        break;
      case "default_type": s.defaultType = d.args[0]!; break;
      case "types": s.types = typesOf(d); break;
    }
  }
  return s;
}

/** A types {} block's extension → type map, made once per block read (parse.ts keeps files read). */
const typeMaps = new WeakMap<Directive, Record<string, string>>();
function typesOf(d: Directive): Record<string, string> {
  let types = typeMaps.get(d);
  if (!types) {
    types = {};
    for (const t of d.block ?? []) for (const ext of t.args) types[ext] = t.name;
    typeMaps.set(d, types);
  }
  return types;
}

/**
 * `listen` arguments: [address:]port, [::]:port, address alone (port 80), then parameters. What is
 * not a port is an address to resolve (ngx_parse_url): `listen 80x;` is a host that is not found.
 */
function parseListen(d: Directive, unresolved: (host: string) => boolean): Listen {
  const [addr, ...params] = d.args as [string, ...string[]];
  let port: number;
  const ipv6 = addr.startsWith("[");
  const m = ipv6 ? /^\[[^\]]*\](?::(.*))?$/.exec(addr) : /^(?:[^:]*:)?([^:]*)$/.exec(addr);
  const raw = m?.[1];
  if (addr.startsWith("unix:")) port = 0;
  else if (raw === undefined) port = 80;
  else if (/^\d+$/.test(raw) && Number(raw) > 0 && Number(raw) < 65536) port = Number(raw);
  else if (!ipv6 && !addr.includes(":") && !/^\d+$/.test(addr)) {
    if (unresolved(addr)) throw err(d, `host not found in "${addr}" of the "listen" directive`);
    port = 80;
  } else throw err(d, `invalid port in "${addr}" of the "listen" directive`);
  const known = /^(default_server|default|ssl|http2|quic|proxy_protocol|deferred|bind|reuseport|so_keepalive=.*|backlog=.*|rcvbuf=.*|sndbuf=.*|ipv6only=.*|fastopen=.*|setfib=.*|accept_filter=.*)$/;
  for (const p of params) if (!known.test(p)) throw err(d, `invalid parameter "${p}"`);
  return { port, defaultServer: params.includes("default_server") || params.includes("default"), ssl: params.includes("ssl"), ipv6 };
}

/** The host:port of a proxy_pass URL or an upstream `server` line. */
function hostPort(target: string): { host: string; hostport: string } {
  const hostport = target.replace(/^https?:\/\//, "").replace(/\/.*$/, "");
  const host = hostport.startsWith("[") ? hostport.slice(1, hostport.indexOf("]")) : hostport.replace(/:\d*$/, "");
  return { host, hostport };
}

const isIp = (h: string) => /^\d+\.\d+\.\d+\.\d+$/.test(h) || h.includes(":");

/** Models of configurations that named no host (nothing to resolve): by tree and default port. */
const models = new WeakMap<Directive[], Map<number, NginxModel>>();

export function buildModel(root: Directive[], opts: BuildOptions): NginxModel {
  const known = models.get(root)?.get(opts.defaultPort);
  if (known) return known;
  let asked = false;
  const model = build(root, opts, () => { asked = true; });
  if (!asked) {
    let byPort = models.get(root);
    if (!byPort) models.set(root, (byPort = new Map()));
    byPort.set(opts.defaultPort, model);
  }
  return model;
}

function build(root: Directive[], opts: BuildOptions, asking: () => void): NginxModel {
  const resolves = (h: string): boolean | undefined => { asking(); return opts.resolves?.(h); };
  const model: NginxModel = { servers: [], upstreams: {}, ports: [], warnings: [] };
  if (!root.some((d) => d.name === "events")) throw new NginxConfError(`no "events" section in configuration`);
  const http = root.find((d) => d.name === "http");
  if (!http) return model;
  const httpSettings = settingsOf(http.block ?? [], DEFAULTS);
  // Without the network's answer an upstream's name counts as resolving (a listen address does not).
  const unresolved = (host: string) => host !== "localhost" && !isIp(host) && resolves(host) === false;
  // Upstream groups first: proxy_pass names them wherever they are declared.
  for (const u of http.block ?? []) {
    if (u.name !== "upstream") continue;
    const servers: string[] = [];
    for (const s of u.block ?? []) {
      if (s.name !== "server") continue;
      const { host, hostport } = hostPort(s.args[0]!);
      if (unresolved(host)) throw err(s, `host not found in upstream "${hostport}"`);
      servers.push(/:\d+$/.test(hostport) ? hostport : `${hostport}:80`);
    }
    if (servers.length === 0) throw err(u, `no servers are inside upstream`);
    model.upstreams[u.args[0]!] = servers;
  }
  /** A `listen … ssl` server's certificate and key, loaded as the configuration is read (OpenSSL 3's words). */
  const sslFiles = (listen: Directive, block: Directive[], outer: Directive[]) => {
    const find = (name: string) => block.find((x) => x.name === name) ?? outer.find((x) => x.name === name);
    const cert = find("ssl_certificate");
    if (!cert) throw err(listen, `no "ssl_certificate" is defined for the "listen ... ssl" directive`);
    const key = find("ssl_certificate_key");
    if (!key) throw err(listen, `no "ssl_certificate_key" is defined for certificate "${cert.args[0]}"`);
    for (const [d, what] of [[cert, "certificate"], [key, "certificate key"]] as const) {
      const path = d.args[0]!.startsWith("/") ? d.args[0]! : `/etc/nginx/${d.args[0]}`;
      asking();
      if (opts.fileExists && !opts.fileExists(path)) {
        throw new NginxConfError(`cannot load ${what} "${path}": BIO_new_file() failed (SSL: error:80000002:system library::No such file or directory:calling fopen(${path}, r) error:10000080:BIO routines::no such file)`);
      }
    }
  };
  const defaults = new Map<string, Directive>();
  const names = new Map<string, boolean>();
  for (const sd of http.block ?? []) {
    if (sd.name !== "server") continue;
    const block = sd.block ?? [];
    const settings = settingsOf(block, httpSettings);
    const listens = block.filter((d) => d.name === "listen").map((d) => {
      const l = parseListen(d, (h) => h !== "localhost" && !isIp(h) && resolves(h) !== true);
      const key = `${l.ipv6 ? "[::]" : "0.0.0.0"}:${l.port}`;
      if (l.defaultServer) {
        if (defaults.has(key)) throw err(d, `a duplicate default server for ${key}`);
        defaults.set(key, d);
      }
      if (l.ssl) sslFiles(d, block, http.block ?? []);
      return l;
    });
    if (listens.length === 0) listens.push({ port: opts.defaultPort, defaultServer: false, ssl: false, ipv6: false });
    const serverNames = block.filter((d) => d.name === "server_name").flatMap((d) => d.args);
    for (const n of serverNames) {
      for (const l of listens) {
        const key = `${n.toLowerCase()} on ${l.ipv6 ? "[::]" : "0.0.0.0"}:${l.port}`;
        if (n !== "" && names.has(key)) model.warnings.push(`conflicting server name "${n}" on ${l.ipv6 ? "[::]" : "0.0.0.0"}:${l.port}, ignored`);
        names.set(key, true);
      }
    }
    const locations: Location[] = [];
    const seenLocations = new Set<string>();
    for (const ld of block) {
      if (ld.name !== "location") continue;
      const [a, b] = ld.args as [string, string | undefined];
      const modifier = (b === undefined ? "" : a) as Location["modifier"];
      if (b !== undefined && !["=", "^~", "~", "~*"].includes(a)) throw err(ld, `invalid location modifier "${a}"`);
      const path = b ?? a;
      const key = `${modifier}${modifier ? " " : ""}${path}`;
      if (seenLocations.has(key)) throw err(ld, `duplicate location "${path}"`);
      seenLocations.add(key);
      const ls = settingsOf(ld.block ?? [], settings);
      // return/proxy_pass/try_files belong to the location that sets them (not inherited).
      const own = (name: string) => (ld.block ?? []).some((d) => d.name === name);
      if (!own("return")) ls.ret = undefined;
      if (!own("rewrite")) ls.rewrites = undefined;
      if (!own("try_files")) ls.tryFiles = undefined;
      if (ls.proxyPass && own("proxy_pass") && !ls.proxyPass.includes("$")) {
        const { host, hostport } = hostPort(ls.proxyPass);
        const pd = ld.block!.find((d) => d.name === "proxy_pass")!;
        if (!model.upstreams[host] && unresolved(host)) throw err(pd, `host not found in upstream "${hostport}"`);
      }
      locations.push({ modifier, path, settings: ls });
    }
    const serverReturn = block.find((d) => d.name === "return");
    // The server's own rewrites run before a location is looked for (the server rewrite phase).
    const serverRewrites = settings.rewrites;
    model.servers.push({ listens, names: serverNames, ...(serverReturn ? { ret: parseReturn(serverReturn) } : {}), ...(serverRewrites ? { rewrites: serverRewrites } : {}), settings: { ...settings, ret: undefined, rewrites: undefined, tryFiles: block.some((d) => d.name === "try_files") ? settings.tryFiles : undefined }, locations });
  }
  model.ports = [...new Set(model.servers.flatMap((s) => s.listens.map((l) => l.port)).filter((p) => p > 0))];
  return model;
}
