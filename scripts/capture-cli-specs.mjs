#!/usr/bin/env node
// Captures the command-line specs of the real docker and kubectl clients from their `--help`
// output into src/sim/cli/specs/{docker,kubectl}.json (type `CliSpec`, see src/sim/cli/spec.ts),
// and renders src/sim/cli/specs/docker-compose.json from the hand-written compose table below.
//
// The generated JSON is the committed source of truth (CI machines may not have the clients);
// this script only regenerates it. It needs the real clients (no server):
//
//   node scripts/capture-cli-specs.mjs                    # docker, kubectl and compose
//   node scripts/capture-cli-specs.mjs docker             # one of docker | kubectl | compose
//   DOCKER=/path/to/docker KUBECTL=/path/to/kubectl node scripts/capture-cli-specs.mjs
//   node scripts/capture-cli-specs.mjs --check            # compare with the committed JSON only
//   VERBOSE=1 node scripts/capture-cli-specs.mjs docker   # list helps the renderer cannot redo
//
// Expected versions: docker CLI 28.2.x, kubectl 1.30.x — the design baseline (a warning is printed
// otherwise). gcloud's SDK ships versioned kubectl binaries: KUBECTL=/usr/lib/google-cloud-sdk/bin/kubectl.1.30.
// compose needs no client: its spec is hand-written in the table below, because the Compose v2
// plugin cannot be installed where this runs: the only registries reached are npm and Debian's,
// and Debian 12 packages only Compose v1 (`docker-compose` 1.29, the Python program, whose
// commands and flags differ); `docker-compose-plugin` comes from Docker's own apt repository.
// Every `docker compose` command the simulator handles is in that table (none is grafted from
// elsewhere): when the plugin becomes installable, capture it like docker and drop the table.
//
// Flag `usage` texts: docker's are unwrapped back to the original string (a line break that falls
// where pflag would wrap anyway is taken as a space); kubectl prints usages on one line already.
// Defaults are stored unquoted (`"replicated"` -> replicated; kubectl `'none'` -> none, `''` -> "").
//
// Determinism: every client runs with a fixed environment (HOME=/root, KUBECONFIG=/nonexistent,
// LC_ALL=C, stdin not a terminal: docker wraps flag usages at the width of the terminal on
// stdin, 80 columns otherwise), commands are sorted by path and keys are emitted in a fixed order.
//
// Besides parsing the help text, some facts the help does not show are probed (cheaply: always
// together with `--help`, so nothing but help ever runs):
//  - whether a non-bool flag may be given bare (`--dry-run`): `<cmd> --help --flag` prints the
//    help when the flag has a no-option default, and fails with "flag needs an argument" otherwise;
//  - kubectl `=[]` flags: stringSlice (CSV-parsed, so `--flag=a"b` fails) vs stringArray (vs
//    stringToString, whose `a"b` fails for want of `key=value`).

import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT_DIR = join(ROOT, "src/sim/cli/specs");

const EXPECTED_VERSIONS = { docker: /^28\.2\./, kubectl: /^v1\.30\./ };

// ---------------------------------------------------------------------------------------------
// What to capture. A scope node is ALL (the command and every subcommand, recursively) or an
// object naming the subcommands to capture (the command itself is always captured). Names listed
// in a scope object must exist in the real client's help, or the capture fails.

const ALL = true;

const DOCKER_SCOPE = {
  // Swarm and the resources around it: whole families.
  swarm: ALL, node: ALL, service: ALL, network: ALL, secret: ALL, config: ALL, stack: ALL,
  volume: ALL,
  // Container / image basics: the top-level shortcuts only.
  ps: ALL, run: ALL, rm: ALL, stop: ALL, start: ALL, restart: ALL, logs: ALL, exec: ALL,
  inspect: ALL, info: ALL, version: ALL, pull: ALL, images: ALL, rmi: ALL, kill: ALL, create: ALL,
  port: ALL, top: ALL, history: ALL, pause: ALL, unpause: ALL, tag: ALL, rename: ALL,
  // Their management-command forms (the canonical spelling in current docs).
  container: {
    ls: ALL, run: ALL, create: ALL, start: ALL, stop: ALL, restart: ALL, kill: ALL, rm: ALL,
    logs: ALL, exec: ALL, inspect: ALL, port: ALL, top: ALL, pause: ALL, unpause: ALL, prune: ALL, rename: ALL,
  },
  image: { ls: ALL, rm: ALL, pull: ALL, inspect: ALL, history: ALL, prune: ALL, tag: ALL },
  // Disk usage and cleanup: df, info, prune (and events, which comes with the family).
  system: ALL,
};

const KUBECTL_SCOPE = {
  get: ALL, describe: ALL,
  create: {
    deployment: ALL,
    secret: { generic: ALL, "docker-registry": ALL, tls: ALL },
    configmap: ALL,
    service: { clusterip: ALL, nodeport: ALL, loadbalancer: ALL, externalname: ALL },
    namespace: ALL, job: ALL, cronjob: ALL, ingress: ALL, serviceaccount: ALL, quota: ALL,
    priorityclass: ALL, poddisruptionbudget: ALL, role: ALL, rolebinding: ALL, clusterrole: ALL, clusterrolebinding: ALL,
    token: ALL,
  },
  apply: ALL, delete: ALL, run: ALL, expose: ALL, label: ALL, annotate: ALL, scale: ALL,
  set: { image: ALL, env: ALL, resources: ALL, selector: ALL, serviceaccount: ALL, subject: ALL },
  rollout: ALL, autoscale: ALL, taint: ALL, cordon: ALL, uncordon: ALL, drain: ALL, logs: ALL, exec: ALL, edit: ALL,
  explain: ALL, "api-resources": ALL, "api-versions": ALL, version: ALL, wait: ALL, top: ALL, patch: ALL, replace: ALL,
  config: { view: ALL, "current-context": ALL, "set-context": ALL, "use-context": ALL, "get-contexts": ALL },
  "cluster-info": ALL, events: ALL, debug: ALL, diff: ALL, "port-forward": ALL,
};

// kubectl does not print a flag's no-option default; the probe finds which flags have one and
// this table (from the kubectl source: cmdutil.AddDryRunFlag, AddValidateFlags, the delete
// flags) gives the value. A bare-usable flag missing here fails the capture.
const KUBECTL_NO_OPT_DEFAULTS = { "dry-run": "unchanged", validate: "strict", cascade: "background" };

// kubectl flags whose pflag type cannot be inferred from the printed default.
// --aggregation-rule is a cliflag.MapStringString: its empty default prints as nothing.
const KUBECTL_TYPE_OVERRIDES = { vmodule: "moduleSpec", "aggregation-rule": "map" };
// Flags declared int32 in kubectl's source (the help cannot tell int32 from int): pflag rejects
// out-of-range values at parse time ("strconv.ParseInt: … value out of range").
const KUBECTL_INT32_FLAGS = new Set(["kubectl create deployment --replicas", "kubectl create deployment --port", "kubectl create priorityclass --value"]);

// `kubectl options` is not listed by `kubectl --help`, and its own `--help` prints nothing.
const KUBECTL_OPTIONS_SHORT = "Print the list of flags inherited by all commands";

// docker flag value types that accumulate when the flag is repeated: pflag slices/arrays/maps
// and docker's own opts (ListOpts "list", FilterOpt, MountOpt, PortOpt, NetworkOpt, SecretOpt,
// ConfigOpt, PlacementPrefOpts, UlimitOpt, ExternalCAOption, GpuOpts, ThrottledeviceOpt,
// WeightdeviceOpt, …). Any other non-bool type seen in the help must be listed in
// DOCKER_SINGLE_TYPES, so that a new type fails the capture instead of being guessed.
const DOCKER_REPEATED_TYPES = new Set([
  "list", "filter", "strings", "stringSlice", "stringArray", "map", "ints", "uints", "bools",
  "mount", "port", "network", "secret", "config", "pref", "ulimit", "external-ca", "gpu-request",
  "ipNetSlice",
]);
const DOCKER_SINGLE_TYPES = new Set([
  "string", "int", "int32", "int64", "uint", "uint16", "uint32", "uint64", "float", "float32",
  "float64", "duration", "bytes", "decimal", "command", "credential-spec", "pem-file",
  "memory-swap", "swappiness", "node-addr",
]);

// ---------------------------------------------------------------------------------------------
// Running the clients.

const WORK_DIR = mkdtempSync(join(tmpdir(), "capture-cli-specs-"));

function clientEnv() {
  return {
    PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    HOME: "/root",
    KUBECONFIG: "/nonexistent",
    LANG: "C",
    LC_ALL: "C",
    TERM: "dumb",
    DOCKER_CLI_HINTS: "false",
  };
}

function runSync(bin, args) {
  const r = spawnSync(bin, args, {
    cwd: WORK_DIR, env: clientEnv(), stdio: ["ignore", "pipe", "pipe"], encoding: "utf8",
    timeout: 30_000, maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw new Error(`${bin} ${args.join(" ")}: ${r.error.message}`);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function runAsync(bin, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd: WORK_DIR, env: clientEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    child.on("error", (e) => { clearTimeout(timer); reject(e); });
    child.on("close", (code) => { clearTimeout(timer); resolve({ code: code ?? -1, stdout, stderr }); });
  });
}

/** Runs `jobs` (functions returning promises) with bounded concurrency; results in job order. */
async function pool(jobs, size = Math.max(2, Math.min(8, cpus().length))) {
  const results = new Array(jobs.length);
  let next = 0;
  async function worker() {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  }
  await Promise.all(Array.from({ length: Math.min(size, jobs.length) }, worker));
  return results;
}

function helpOf(bin, tool, path) {
  const r = runSync(bin, [...path, "--help"]);
  if (r.code !== 0) {
    throw new Error(`${tool} ${path.join(" ")} --help exited ${r.code}: ${r.stderr.trim()}`);
  }
  return r.stdout;
}

// ---------------------------------------------------------------------------------------------
// Parsing docker help (cobra with docker's own template; flags from pflag FlagUsagesWrapped).

const DOCKER_SECTION = /^(Aliases|Examples|Options|Global Options|(?:[A-Z][A-Za-z]* )*Commands):$/;

function parseDockerHelp(help, path) {
  const lines = help.split("\n");
  const m = /^Usage:\s+(.*)$/.exec(lines[0]);
  if (!m) throw new Error(`docker ${path.join(" ")}: no "Usage:" line`);
  const use = m[1].trimEnd();
  const description = [];
  const sections = [];
  let current = null;
  for (const line of lines.slice(1)) {
    if (DOCKER_SECTION.test(line)) {
      current = { name: line.slice(0, -1), lines: [] };
      sections.push(current);
    } else if (/^(Run '|For more help)/.test(line)) {
      current = { name: "footer", lines: [] };
      sections.push(current);
    } else if (current) {
      current.lines.push(line);
    } else {
      description.push(line);
    }
  }
  for (const s of sections) while (s.lines.length && s.lines[s.lines.length - 1] === "") s.lines.pop();
  const section = (name) => sections.find((s) => s.name === name);

  const subcommands = [];
  const groups = [];
  for (const s of sections.filter((x) => / ?Commands$/.test(x.name))) {
    const items = [];
    for (const l of s.lines) {
      const c = /^  (\S+?)\*?\s+(.*)$/.exec(l);
      if (c) items.push({ name: c[1], short: c[2].trim() });
      else if (l.trim() !== "") throw new Error(`docker ${path.join(" ")}: bad command line ${JSON.stringify(l)}`);
    }
    groups.push({ title: s.name, items });
    subcommands.push(...items);
  }

  let aliases = [];
  const aliasSection = section("Aliases");
  const aliasesLine = aliasSection ? aliasSection.lines.map((l) => l.trim()).join(" ") : null;
  if (aliasSection) {
    const full = aliasSection.lines.join(" ").split(",").map((a) => a.trim()).filter(Boolean);
    const self = ["docker", ...path];
    const parent = self.slice(0, -1).join(" ");
    for (const a of full) {
      const words = a.split(/\s+/);
      let name;
      if (words.length === 1) name = words[0];
      else if (words.slice(0, -1).join(" ") === parent) name = words[words.length - 1];
      else continue; // another command path (e.g. `docker container ls` for `docker ps`)
      if (name !== self[self.length - 1] && !aliases.includes(name)) aliases.push(name);
    }
  }

  const options = section("Options") ?? section("Global Options");
  const flags = options ? parseDockerFlags(options.lines, path) : [];
  return {
    use,
    description: description.join("\n").trim(),
    aliases,
    aliasesLine,
    subcommands,
    groups,
    flags,
    globalFlags: path.length === 0 && section("Global Options") ? flags : null,
  };
}

const GO_DURATION = /^-?(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$|^0$/;

function parseDockerFlags(lines, path) {
  const entries = [];
  let col = -1;
  for (const line of lines) {
    const f = /^(?:  -(\S), |      )--([A-Za-z0-9][\w.-]*)(\[=(.*?)\])?(?: (\S+?))?(\[=(.*?)\])?(?:(\s{2,})(.*))?$/.exec(line);
    if (f) {
      const head = line.length - (f[9]?.length ?? 0);
      if (f[9] !== undefined) {
        if (col === -1) col = head;
        else if (col !== head) throw new Error(`docker ${path.join(" ")}: misaligned flag line ${JSON.stringify(line)}`);
      }
      entries.push({
        short: f[1], name: f[2], type: f[5] ?? "bool",
        noOpt: f[4] ?? f[7], text: [f[9] ?? ""],
      });
    } else if (line.trim() === "") {
      continue;
    } else if (entries.length && col !== -1 && /^\s*$/.test(line.slice(0, col)) && line.length > col) {
      entries[entries.length - 1].text.push(line.slice(col));
    } else {
      throw new Error(`docker ${path.join(" ")}: cannot parse option line ${JSON.stringify(line)}`);
    }
  }
  return entries.map((e) => {
    let usage = unwrapDockerUsage(e.text, col, path, e.name);
    let def;
    const d = / \(default (.*)\)$/s.exec(usage);
    if (d && !d[1].includes("\n") && dockerDefaultFits(e.type, d[1])) {
      def = e.type === "string" ? JSON.parse(d[1]) : d[1];
      usage = usage.slice(0, d.index);
    }
    if (e.type !== "bool" && !DOCKER_REPEATED_TYPES.has(e.type) && !DOCKER_SINGLE_TYPES.has(e.type)) {
      throw new Error(`docker ${path.join(" ")} --${e.name}: unknown value type "${e.type}": add it to DOCKER_REPEATED_TYPES or DOCKER_SINGLE_TYPES`);
    }
    let noOpt = e.noOpt;
    if (noOpt !== undefined && /^".*"$/.test(noOpt)) noOpt = JSON.parse(noOpt);
    return flagSpec({
      name: e.name, short: e.short, type: e.type, default: def, usage,
      repeated: DOCKER_REPEATED_TYPES.has(e.type), noOptDefault: e.type === "bool" ? undefined : noOpt,
    });
  });
}

/**
 * Recovers a flag's original usage string from its wrapped lines: pflag breaks lines at spaces
 * or at the usage's own newlines, so each break is a " " or a "\n"; the combination (fewest
 * newlines first) whose re-wrapping gives back the printed lines is the original.
 */
function unwrapDockerUsage(lines, col, path, name) {
  if (lines.length === 1) return lines[0];
  const printed = lines.join("\n" + " ".repeat(col));
  const n = lines.length - 1;
  if (n > 16) throw new Error(`docker ${path.join(" ")} --${name}: usage too long to unwrap`);
  const masks = Array.from({ length: 1 << n }, (_, m) => m);
  const bits = (m) => { let c = 0; for (let x = m; x; x >>= 1) c += x & 1; return c; };
  masks.sort((a, b) => bits(a) - bits(b) || a - b);
  const valid = [];
  for (const m of masks) {
    let candidate = lines[0];
    for (let k = 0; k < n; k++) candidate += ((m >> k) & 1 ? "\n" : " ") + lines[k + 1];
    if (pflagWrap(col, DOCKER_HELP_COLS, candidate) === printed) valid.push(candidate);
  }
  if (!valid.length) throw new Error(`docker ${path.join(" ")} --${name}: cannot recover the usage from its wrapped lines`);
  const known = valid.find((c) => KNOWN_DOCKER_USAGES.some((k) => c === k || c.startsWith(k + " (default ")));
  return known ?? valid[0];
}

// docker's shared usage texts (cli/flags FormatHelp, InspectFormatHelp): where one of their line
// breaks coincides with a wrap, only knowing the text tells it apart from a space.
const KNOWN_DOCKER_USAGES = [
  "Format output using a custom template:\n" +
    "'table':            Print output in table format with column headers (default)\n" +
    "'table TEMPLATE':   Print output in table format using the given Go template\n" +
    "'json':             Print in JSON format\n" +
    "'TEMPLATE':         Print output using the given Go template.\n" +
    "Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates",
  "Format output using a custom template:\n" +
    "'json':             Print in JSON format\n" +
    "'TEMPLATE':         Print output using the given Go template.\n" +
    "Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates",
];

// docker wraps flag usages at the terminal width minus one; 80 columns without a terminal.
const DOCKER_HELP_COLS = 79;

/** Whether `(default X)` at the end of a usage is pflag's default for this type (not prose). */
function dockerDefaultFits(type, text) {
  switch (type) {
    case "bool": return text === "true";
    case "string": return /^"(?:[^"\\]|\\.)*"$/.test(text);
    case "int": case "int32": case "int64": return /^-?\d+$/.test(text);
    case "uint": case "uint16": case "uint32": case "uint64": return /^\d+$/.test(text);
    case "float": case "float32": case "float64": case "decimal": return /^-?\d+(\.\d+)?(e[-+]?\d+)?$/.test(text);
    case "duration": return GO_DURATION.test(text);
    case "bytes": return /^\d+(\.\d+)?\s?[kKmMgGtTpP]?i?[bB]?$/.test(text);
    default:
      if (DOCKER_REPEATED_TYPES.has(type)) return /^(\[.*\]|map\[.*\])$/.test(text);
      return !/\s/.test(text);
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing kubectl help (kubectl's templates; flags one per entry: `    -o, --output='':\n\t…`).

const KUBECTL_SECTION = /^(Aliases|Examples|Options|Usage|Available Commands|Subcommands provided by plugins|[A-Z][\w ()-]* Commands(?: \([\w ]+\))?):$/;
const KUBECTL_FLAG = /^    (?:-(\S), )?--([A-Za-z0-9][\w.-]*)=(.*):$/;

function parseKubectlHelp(help, path) {
  const lines = help.split("\n");
  const long = [];
  const sections = [];
  let current = null;
  for (const line of lines) {
    if (KUBECTL_SECTION.test(line)) {
      current = { name: line.slice(0, -1), lines: [] };
      sections.push(current);
    } else if (/^Use "kubectl /.test(line)) {
      current = { name: "footer", lines: [] };
      sections.push(current);
    } else if (current) {
      current.lines.push(line);
    } else {
      long.push(line);
    }
  }
  for (const s of sections) while (s.lines.length && s.lines[s.lines.length - 1] === "") s.lines.pop();
  const section = (name) => sections.find((s) => s.name === name);

  const usage = section("Usage");
  if (!usage) throw new Error(`kubectl ${path.join(" ")}: no "Usage:" section`);
  const use = usage.lines.map((l) => l.trim()).filter(Boolean).join(" ");

  const subcommands = [];
  for (const s of sections.filter((x) => / Commands|^Subcommands /.test(x.name))) {
    for (const l of s.lines) {
      const c = /^  (\S+)\s+(.*)$/.exec(l);
      if (c) subcommands.push({ name: c[1], short: c[2].trim() });
      else if (l.trim() !== "") throw new Error(`kubectl ${path.join(" ")}: bad command line ${JSON.stringify(l)}`);
    }
  }

  let aliases = [];
  const aliasSection = section("Aliases");
  if (aliasSection) {
    const names = aliasSection.lines.join(",").split(",").map((a) => a.trim()).filter(Boolean);
    aliases = names.filter((n) => n !== path[path.length - 1]);
  }

  const options = section("Options");
  const flags = options ? parseKubectlFlags(options.lines, `kubectl ${path.join(" ")}`) : [];
  return { use, long: long.join("\n").trim(), aliases, subcommands, flags };
}

function parseKubectlFlags(lines, where) {
  const entries = [];
  for (const line of lines) {
    const f = KUBECTL_FLAG.exec(line);
    if (f) entries.push({ short: f[1], name: f[2], def: f[3], text: [] });
    else if (line.startsWith("\t") && entries.length) entries[entries.length - 1].text.push(line.slice(1));
    else if (line.trim() === "" || !entries.length) continue;
    else throw new Error(`${where}: cannot parse option line ${JSON.stringify(line)}`);
  }
  return entries.map((e) => {
    const [type, def] = kubectlType(e.name, e.def, where);
    return flagSpec({
      name: e.name, short: e.short, type, default: def, usage: e.text.join(" ").trim(),
      repeated: type === "stringSlice" || type === "stringArray", noOptDefault: undefined,
    });
  });
}

/** The pflag type implied by kubectl's printed default (string defaults are printed quoted). */
function kubectlType(name, printed, where) {
  if (KUBECTL_TYPE_OVERRIDES[name]) return [KUBECTL_TYPE_OVERRIDES[name], printed];
  if (KUBECTL_INT32_FLAGS.has(`${where} --${name}`)) return ["int32", printed];
  if (/^'.*'$/s.test(printed)) return ["string", printed.slice(1, -1)];
  if (printed === "true" || printed === "false") return ["bool", printed];
  if (/^-?\d+$/.test(printed)) return ["int", printed];
  if (/^-?\d+\.\d+$/.test(printed)) return ["float", printed];
  if (GO_DURATION.test(printed)) return ["duration", printed];
  if (/^\[.*\]$/.test(printed)) return ["stringSlice", printed]; // refined by the probe
  if (/^map\[.*\]$/.test(printed)) return ["map", printed];
  throw new Error(`${where} --${name}: cannot infer a type from default ${JSON.stringify(printed)}: add it to KUBECTL_TYPE_OVERRIDES`);
}

// ---------------------------------------------------------------------------------------------
// Shared.

/** A FlagSpec with a fixed key order and no undefined keys. */
function flagSpec(f) {
  const out = { name: f.name };
  if (f.short) out.short = f.short;
  out.type = f.type;
  if (f.default !== undefined) out.default = f.default;
  out.usage = f.usage;
  out.repeated = f.repeated;
  if (f.noOptDefault !== undefined) out.noOptDefault = f.noOptDefault;
  return out;
}

function commandSpec(c) {
  return {
    path: c.path, use: c.use, aliases: c.aliases, short: c.short, flags: c.flags,
    subcommands: c.subcommands, help: c.help,
  };
}

/** Walks the command tree from the root, parsing each in-scope command's help. */
function crawl(tool, bin, parse, scope) {
  const found = [];
  const queue = [{ path: [], scope, short: null }];
  while (queue.length) {
    const { path, scope: sc, short } = queue.shift();
    const help = helpOf(bin, tool, path);
    const parsed = parse(help, path);
    found.push({ path, help, parsed, short });
    const names = parsed.subcommands.map((s) => s.name);
    if (sc !== ALL) {
      for (const want of Object.keys(sc)) {
        if (!names.includes(want)) throw new Error(`${tool} ${path.join(" ")}: no subcommand "${want}" (has: ${names.join(", ")})`);
      }
    }
    for (const sub of parsed.subcommands) {
      const childScope = sc === ALL ? ALL : sc[sub.name];
      if (childScope === undefined) continue;
      queue.push({ path: [...path, sub.name], scope: childScope, short: sub.short });
    }
  }
  return found;
}

/** Probes, for every non-bool flag, whether it may be given bare; kubectl: slice vs array. */
async function probeFlags(tool, bin, commands) {
  const jobs = [];
  for (const c of commands) {
    for (const f of c.flags) {
      if (f.type === "bool") continue;
      jobs.push(async () => {
        const r = await runAsync(bin, [...c.probePath, "--help", `--${f.name}`]);
        if (r.code === 0 && r.stdout === c.probeHelp) f.bareOk = true;
        else if (r.code !== 0 && /flag needs an argument/.test(r.stdout + r.stderr)) f.bareOk = false;
        else throw new Error(`${tool} ${c.probePath.join(" ")} --help --${f.name}: unexpected result (exit ${r.code}): ${(r.stderr || r.stdout).slice(0, 300)}`);
      });
      if (tool === "kubectl" && f.repeated) {
        jobs.push(async () => {
          const r = await runAsync(bin, [...c.probePath, "--help", `--${f.name}=a"b`]);
          if (r.code === 0 && r.stdout === c.probeHelp) f.type = "stringArray";
          else if (r.code !== 0 && /parse error/.test(r.stdout + r.stderr)) f.type = "stringSlice";
          // pflag's StringToString (`debug --env`, `--set-image`): k=v pairs, CSV-split.
          else if (r.code !== 0 && /must be formatted as key=value/.test(r.stdout + r.stderr)) f.type = "stringToString";
          else throw new Error(`${tool} ${c.probePath.join(" ")} --help --${f.name}=a"b: unexpected result (exit ${r.code}): ${(r.stderr || r.stdout).slice(0, 300)}`);
        });
      }
    }
  }
  await pool(jobs);
  for (const c of commands) {
    for (const f of c.flags) {
      if (f.type === "bool") continue;
      const where = `${tool} ${c.probePath.join(" ")} --${f.name}`;
      if (tool === "docker") {
        if (f.bareOk !== (f.noOptDefault !== undefined)) {
          throw new Error(`${where}: help ${f.noOptDefault !== undefined ? "shows" : "does not show"} a no-option default but bare use ${f.bareOk ? "works" : "fails"}`);
        }
      } else if (f.bareOk) {
        const v = KUBECTL_NO_OPT_DEFAULTS[f.name];
        if (v === undefined) throw new Error(`${where}: may be given bare; add its no-option default to KUBECTL_NO_OPT_DEFAULTS`);
        f.noOptDefault = v;
      }
      delete f.bareOk;
    }
  }
}

/** Re-creates each flag object so that keys are in the canonical order after probing. */
function normalizeFlags(flags) {
  return flags.map((f) => flagSpec(f));
}

function sortedCommands(list) {
  const out = {};
  for (const c of [...list].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) out[c.path] = commandSpec(c);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rendering docker-style help (docker's cobra usage template + pflag's FlagUsagesWrapped), used
// for the hand-written compose spec and checked against every captured docker help.

/** pflag wrapN: splits `s` at whitespace into a first part of at most `i` bytes and the rest. */
function pflagWrapN(i, slop, s) {
  if (i + slop > s.length) return [s, ""];
  const head = s.slice(0, i);
  const w = Math.max(head.lastIndexOf(" "), head.lastIndexOf("\t"), head.lastIndexOf("\n"));
  if (w <= 0) return [s, ""];
  const nl = head.lastIndexOf("\n");
  if (nl > 0 && nl < w) return [s.slice(0, nl), s.slice(nl + 1)];
  return [s.slice(0, w), s.slice(w + 1)];
}

/** pflag wrap: wraps `s` to width `w` with indent `i` (first line not indented). */
function pflagWrap(i, w, s) {
  if (w === 0) return s.replaceAll("\n", "\n" + " ".repeat(i));
  let width = w - i;
  let r = "";
  if (width < 24) {
    i = 16;
    width = w - i;
    r += "\n" + " ".repeat(i);
  }
  if (width < 24) return s.replaceAll("\n", r);
  const slop = 5;
  width -= slop;
  let l;
  [l, s] = pflagWrapN(width, slop, s);
  r += l.replaceAll("\n", "\n" + " ".repeat(i));
  while (s !== "") {
    let t;
    [t, s] = pflagWrapN(width, slop, s);
    r += "\n" + " ".repeat(i) + t.replaceAll("\n", "\n" + " ".repeat(i));
  }
  return r;
}

/**
 * pflag FlagUsagesWrapped. Flags: { name, short?, varname ("" for bool), usage (may hold "\n"),
 * defaultText? (as pflag prints it: quoted for strings) }, in display order.
 */
function pflagFlagUsages(flags, cols) {
  const lines = [];
  let maxlen = 0;
  for (const f of flags) {
    let line = f.short ? `  -${f.short}, --${f.name}` : `      --${f.name}`;
    if (f.varname) line += " " + f.varname;
    // pflag appends "\x00" (later replaced by the padding) before measuring.
    if (line.length + 1 > maxlen) maxlen = line.length + 1;
    let usage = f.usage;
    if (f.defaultText !== undefined) usage += ` (default ${f.defaultText})`;
    lines.push([line, usage]);
  }
  let out = "";
  for (const [head, usage] of lines) {
    out += head + " " + " ".repeat(maxlen - head.length) + " " + pflagWrap(maxlen + 2, cols, usage) + "\n";
  }
  return out;
}

/** Go's %q for the plain strings pflag prints as defaults. */
function goQuote(s) {
  return JSON.stringify(s);
}

/**
 * docker's usage template (cli/cobra.go) for a command. `groups`: [{ title, items: [{ name, short }] }];
 * `padding`: cobra NamePadding (longest sibling name, at least 11).
 */
function renderDockerHelp({ use, description, aliasesLine, flags, groups = [], hasParent, commandPath }) {
  let out = `Usage:  ${use}\n\n${description.trim()}`;
  if (aliasesLine) out += `\n\nAliases:\n  ${aliasesLine}`;
  const flagText = flags.length ? pflagFlagUsages(flags, DOCKER_HELP_COLS).trimEnd() : "";
  if (hasParent && flagText) out += `\n\nOptions:\n${flagText}`;
  const all = groups.flatMap((g) => g.items);
  const pad = Math.max(11, ...all.map((c) => c.name.length));
  for (const g of groups) {
    if (!g.items.length) continue;
    out += `\n\n${g.title}:`;
    for (const c of g.items) out += `\n  ${c.name.padEnd(pad)} ${c.short}`;
  }
  if (!hasParent && flagText) out += `\n\nGlobal Options:\n${flagText}`;
  if (all.length) out += `\n\nRun '${commandPath} COMMAND --help' for more information on a command.`;
  if (!hasParent) out += "\n\nFor more help on how to use Docker, head to https://docs.docker.com/go/guides/";
  return out + "\n";
}

/** FlagSpec -> renderer input (the usage's original line breaks are lost: joined with spaces). */
function renderFlagFromSpec(f) {
  let defaultText;
  if (f.default !== undefined) defaultText = f.type === "string" ? goQuote(f.default) : f.default;
  return { name: f.name, short: f.short, varname: f.type === "bool" ? "" : f.type, usage: f.usage, defaultText };
}

/** Re-renders captured docker helps from their parsed form; returns the paths that differ. */
function checkDockerRenderer(found) {
  const differ = [];
  for (const { path, help, parsed, flagsFinal } of found) {
    const text = renderDockerHelp({
      use: parsed.use,
      description: parsed.description,
      aliasesLine: parsed.aliasesLine,
      flags: flagsFinal.map(renderFlagFromSpec),
      groups: parsed.groups,
      hasParent: path.length > 0,
      commandPath: ["docker", ...path].join(" "),
    });
    if (text !== help) differ.push(["docker", ...path].join(" "));
  }
  return differ;
}

// ---------------------------------------------------------------------------------------------
// docker compose: the plugin is not installed where this runs, so its spec is hand-written here
// from the Compose v2 documentation (docs.docker.com reference pages, docker/compose
// docs/reference/*.yaml and cmd/compose/*.go) for v2.36 — the version shipped with docker 28.2 —
// and its help text is rendered with docker's own help template and pflag's wrapping (the same
// renderer reproduces every captured docker help byte for byte). Not verified against a real
// `docker compose` (see the header for why there is none here): check it against one when available.

const COMPOSE_VERSION = "2.36.2";
const COMPOSE_SOURCE =
  "hand-written from docs: Docker Compose v2.36 reference (docs.docker.com/reference/cli/docker/compose/, " +
  "docker/compose docs/reference and cmd/compose); help text rendered with docker's help template " +
  "(80 columns, no terminal) by scripts/capture-cli-specs.mjs; not captured from a real client";

/** A compose flag. `varname` overrides the word pflag shows (a `backquoted` word of the usage). */
function cflag(name, type, usage, { short, def, varname } = {}) {
  return { name, short, type, usage, def, varname };
}
const B = (name, usage, o) => cflag(name, "bool", usage, o);
const S = (name, usage, o) => cflag(name, "string", usage, o);
const I = (name, usage, o) => cflag(name, "int", usage, o);
const A = (name, usage, o) => cflag(name, "stringArray", usage, o);

const DRY_RUN = B("dry-run", "Execute command in dry run mode"); // persistent: shown by every subcommand
const FORMAT_HELP = KNOWN_DOCKER_USAGES[0];
const PULL_USAGE = 'Pull image before running ("always"|"missing"|"never")';

const COMPOSE_ROOT = {
  long: "Define and run multi-container applications with Docker",
  short: "Docker Compose",
  flags: [
    B("all-resources", "Include all resources, even those not used by services"),
    S("ansi", 'Control when to print ANSI control characters ("never"|"always"|"auto")', { def: "auto" }),
    B("compatibility", "Run compose in backward compatibility mode"),
    DRY_RUN,
    A("env-file", "Specify an alternate environment file"),
    A("file", "Compose configuration files", { short: "f" }),
    I("parallel", "Control max parallelism, -1 for unlimited", { def: "-1" }),
    A("profile", "Specify a profile to enable"),
    S("progress", "Set type of progress output (auto, tty, plain, json, quiet)"),
    S("project-directory", "Specify an alternate working directory\n(default: the path of the, first specified, Compose file)"),
    S("project-name", "Project name", { short: "p" }),
  ],
  management: [["bridge", "Convert compose files into another model"]],
  commands: [
    ["attach", "Attach local standard input, output, and error streams to a service's running container"],
    ["build", "Build or rebuild services"],
    ["commit", "Create a new image from a service container's changes"],
    ["config", "Parse, resolve and render compose file in canonical format"],
    ["cp", "Copy files/folders between a service container and the local filesystem"],
    ["create", "Creates containers for a service"],
    ["down", "Stop and remove containers, networks"],
    ["events", "Receive real time events from containers"],
    ["exec", "Execute a command in a running container"],
    ["export", "Export a service container's filesystem as a tar archive"],
    ["images", "List images used by the created containers"],
    ["kill", "Force stop service containers"],
    ["logs", "View output from containers"],
    ["ls", "List running compose projects"],
    ["pause", "Pause services"],
    ["port", "Print the public port for a port binding"],
    ["ps", "List containers"],
    ["publish", "Publish compose application"],
    ["pull", "Pull service images"],
    ["push", "Push service images"],
    ["restart", "Restart service containers"],
    ["rm", "Removes stopped service containers"],
    ["run", "Run a one-off command on a service"],
    ["scale", "Scale services"],
    ["start", "Start services"],
    ["stats", "Display a live stream of container(s) resource usage statistics"],
    ["stop", "Stop services"],
    ["top", "Display the running processes"],
    ["unpause", "Unpause services"],
    ["up", "Create and start containers"],
    ["version", "Show the Docker Compose version information"],
    ["volumes", "List volumes"],
    ["wait", "Block until containers of all (or specified) services stop."],
    ["watch", "Watch the build context for services and rebuild/refresh containers when files are updated"],
  ],
};

/** The compose subcommands specified here (name -> use line after "docker compose", flags). */
const COMPOSE_COMMANDS = {
  build: {
    use: "build [OPTIONS] [SERVICE...]",
    flags: [
      A("build-arg", "Set build-time variables for services"),
      S("builder", "Set builder to use"),
      B("check", "Check build configuration"),
      DRY_RUN,
      cflag("memory", "bytes", "Set memory limit for the build container. Not supported by BuildKit.", { short: "m", def: "0" }),
      B("no-cache", "Do not use cache when building the image"),
      B("print", "Print equivalent bake file"),
      B("pull", "Always attempt to pull a newer version of the image"),
      B("push", "Push service images"),
      B("quiet", "Don't print anything to STDOUT", { short: "q" }),
      S("ssh", "Set SSH authentications used when building service images. (use 'default' for using your default SSH Agent)"),
      B("with-dependencies", "Also build dependencies (transitively)"),
    ],
  },
  config: {
    use: "config [OPTIONS] [SERVICE...]",
    flags: [
      DRY_RUN,
      B("environment", "Print environment used for interpolation."),
      S("format", "Format the output. Values: [yaml | json]"),
      S("hash", "Print the service config hash, one per line."),
      B("images", "Print the image names, one per line."),
      B("lock-image-digests", "Produces an override file with image digests"),
      B("networks", "Print the network names, one per line."),
      B("no-consistency", "Don't check model consistency - warning: may produce invalid Compose output"),
      B("no-env-resolution", "Don't resolve service env files"),
      B("no-interpolate", "Don't interpolate environment variables"),
      B("no-normalize", "Don't normalize compose model"),
      B("no-path-resolution", "Don't resolve file paths"),
      S("output", "Save to file (default to stdout)", { short: "o" }),
      B("profiles", "Print the profile names, one per line."),
      B("quiet", "Only validate the configuration, don't print anything", { short: "q" }),
      B("resolve-image-digests", "Pin image tags to digests"),
      B("services", "Print the service names, one per line."),
      B("variables", "Print model variables and default values."),
      B("volumes", "Print the volume names, one per line."),
    ],
  },
  create: {
    use: "create [OPTIONS] [SERVICE...]",
    flags: [
      B("build", "Build images before starting containers"),
      DRY_RUN,
      B("force-recreate", "Recreate containers even if their configuration and image haven't changed"),
      B("no-build", "Don't build an image, even if it's policy"),
      B("no-recreate", "If containers already exist, don't recreate them. Incompatible with --force-recreate."),
      S("pull", 'Pull image before running ("always"|"missing"|"never"|"build")', { def: "policy" }),
      B("quiet-pull", "Pull without printing progress information"),
      B("remove-orphans", "Remove containers for services not defined in the Compose file"),
      A("scale", "Scale SERVICE to NUM instances. Overrides the scale setting in the Compose file if present.", { varname: "scale" }),
      B("yes", 'Assume "yes" as answer to all prompts and run non-interactively', { short: "y" }),
    ],
  },
  down: {
    use: "down [OPTIONS] [SERVICES]",
    flags: [
      DRY_RUN,
      B("remove-orphans", "Remove containers for services not defined in the Compose file"),
      S("rmi", 'Remove images used by services. "local" remove only images that don\'t have a custom tag ("local"|"all")'),
      I("timeout", "Specify a shutdown timeout in seconds", { short: "t" }),
      B("volumes", 'Remove named volumes declared in the "volumes" section of the Compose file and anonymous volumes attached to containers', { short: "v" }),
    ],
  },
  events: {
    use: "events [OPTIONS] [SERVICE...]",
    flags: [DRY_RUN, B("json", "Output events as a stream of json objects")],
  },
  exec: {
    use: "exec [OPTIONS] SERVICE COMMAND [ARGS...]",
    flags: [
      B("detach", "Detached mode: Run command in the background", { short: "d" }),
      DRY_RUN,
      A("env", "Set environment variables", { short: "e" }),
      I("index", "Index of the container if service has multiple replicas"),
      // Default: stdout is not a terminal. The backquoted words become pflag's "varname".
      B("no-TTY", "Disable pseudo-TTY allocation. By default docker compose exec allocates a TTY.", { short: "T", def: "true", varname: "docker compose exec" }),
      B("privileged", "Give extended privileges to the process"),
      S("user", "Run the command as this user", { short: "u" }),
      S("workdir", "Path to workdir directory for this command", { short: "w" }),
    ],
  },
  images: {
    use: "images [OPTIONS] [SERVICE...]",
    flags: [
      DRY_RUN,
      S("format", "Format the output. Values: [table | json]", { def: "table" }),
      B("quiet", "Only display IDs", { short: "q" }),
    ],
  },
  kill: {
    use: "kill [OPTIONS] [SERVICE...]",
    flags: [
      DRY_RUN,
      B("remove-orphans", "Remove containers for services not defined in the Compose file"),
      S("signal", "SIGNAL to send to the container", { short: "s", def: "SIGKILL" }),
    ],
  },
  logs: {
    use: "logs [OPTIONS] [SERVICE...]",
    flags: [
      DRY_RUN,
      B("follow", "Follow log output", { short: "f" }),
      I("index", "index of the container if service has multiple replicas"),
      B("no-color", "Produce monochrome output"),
      B("no-log-prefix", "Don't print prefix in logs"),
      S("since", "Show logs since timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)"),
      S("tail", "Number of lines to show from the end of the logs for each container", { short: "n", def: "all" }),
      B("timestamps", "Show timestamps", { short: "t" }),
      S("until", "Show logs before a timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)"),
    ],
  },
  ls: {
    use: "ls [OPTIONS]",
    flags: [
      B("all", "Show all stopped Compose projects", { short: "a" }),
      DRY_RUN,
      cflag("filter", "filter", "Filter output based on conditions provided"),
      S("format", "Format the output. Values: [table | json]", { def: "table" }),
      B("quiet", "Only display project names", { short: "q" }),
    ],
  },
  pause: { use: "pause [SERVICE...]", flags: [DRY_RUN] },
  port: {
    use: "port [OPTIONS] SERVICE PRIVATE_PORT",
    flags: [
      DRY_RUN,
      I("index", "Index of the container if service has multiple replicas"),
      S("protocol", "tcp or udp", { def: "tcp" }),
    ],
  },
  ps: {
    use: "ps [OPTIONS] [SERVICE...]",
    flags: [
      B("all", "Show all stopped containers (including those created by the run command)", { short: "a" }),
      DRY_RUN,
      S("filter", "Filter services by a property (supported filters: status)"),
      S("format", FORMAT_HELP, { def: "table" }),
      B("no-trunc", "Don't truncate output"),
      B("orphans", "Include orphaned services (not declared by project)", { def: "true" }),
      B("quiet", "Only display IDs", { short: "q" }),
      B("services", "Display services"),
      A("status", "Filter services by status. Values: [paused | restarting | removing | running | dead | created | exited]"),
    ],
  },
  pull: {
    use: "pull [OPTIONS] [SERVICE...]",
    flags: [
      DRY_RUN,
      B("ignore-buildable", "Ignore images that can be built"),
      B("ignore-pull-failures", "Pull what it can and ignores images with pull failures"),
      B("include-deps", "Also pull services declared as dependencies"),
      S("policy", 'Apply pull policy ("missing"|"always")'),
      B("quiet", "Pull without printing progress information", { short: "q" }),
    ],
  },
  restart: {
    use: "restart [OPTIONS] [SERVICE...]",
    flags: [
      DRY_RUN,
      B("no-deps", "Don't restart dependent services"),
      I("timeout", "Specify a shutdown timeout in seconds", { short: "t" }),
    ],
  },
  rm: {
    use: "rm [OPTIONS] [SERVICE...]",
    flags: [
      DRY_RUN,
      B("force", "Don't ask to confirm removal", { short: "f" }),
      B("stop", "Stop the containers, if required, before removing", { short: "s" }),
      B("volumes", "Remove any anonymous volumes attached to containers", { short: "v" }),
    ],
  },
  run: {
    use: "run [OPTIONS] SERVICE [COMMAND] [ARGS...]",
    flags: [
      B("build", "Build image before starting container"),
      cflag("cap-add", "list", "Add Linux capabilities"),
      cflag("cap-drop", "list", "Drop Linux capabilities"),
      B("detach", "Run container in background and print container ID", { short: "d" }),
      DRY_RUN,
      S("entrypoint", "Override the entrypoint of the image"),
      A("env", "Set environment variables", { short: "e" }),
      A("env-from-file", "Set environment variables from file"),
      B("interactive", "Keep STDIN open even if not attached", { short: "i", def: "true" }),
      A("label", "Add or override a label", { short: "l" }),
      S("name", "Assign a name to the container"),
      B("no-TTY", "Disable pseudo-TTY allocation (default: auto-detected)", { short: "T", def: "true" }),
      B("no-deps", "Don't start linked services"),
      A("publish", "Publish a container's port(s) to the host", { short: "p" }),
      S("pull", PULL_USAGE, { def: "policy" }),
      B("quiet", "Don't print anything to STDOUT", { short: "q" }),
      B("quiet-pull", "Pull without printing progress information"),
      B("remove-orphans", "Remove containers for services not defined in the Compose file"),
      B("rm", "Automatically remove the container when it exits"),
      B("service-ports", "Run command with all service's ports enabled and mapped to the host", { short: "P" }),
      B("use-aliases", "Use the service's network useAliases in the network(s) the container connects to"),
      S("user", "Run as specified username or uid", { short: "u" }),
      A("volume", "Bind mount a volume", { short: "v" }),
      S("workdir", "Working directory inside the container", { short: "w" }),
    ],
  },
  scale: {
    use: "scale [SERVICE=REPLICAS...]",
    flags: [DRY_RUN, B("no-deps", "Don't start linked services")],
  },
  start: { use: "start [SERVICE...]", flags: [DRY_RUN] },
  stop: {
    use: "stop [OPTIONS] [SERVICE...]",
    flags: [DRY_RUN, I("timeout", "Specify a shutdown timeout in seconds", { short: "t" })],
  },
  top: { use: "top [SERVICES...]", flags: [DRY_RUN] },
  unpause: { use: "unpause [SERVICE...]", flags: [DRY_RUN] },
  up: {
    use: "up [OPTIONS] [SERVICE...]",
    flags: [
      B("abort-on-container-exit", "Stops all containers if any container was stopped. Incompatible with -d"),
      B("abort-on-container-failure", "Stops all containers if any container exited with failure. Incompatible with -d"),
      B("always-recreate-deps", "Recreate dependent containers. Incompatible with --no-recreate."),
      A("attach", "Restrict attaching to the specified services. Incompatible with --attach-dependencies."),
      B("attach-dependencies", "Automatically attach to log output of dependent services"),
      B("build", "Build images before starting containers"),
      B("detach", "Detached mode: Run containers in the background", { short: "d" }),
      DRY_RUN,
      S("exit-code-from", "Return the exit code of the selected service container. Implies --abort-on-container-exit"),
      B("force-recreate", "Recreate containers even if their configuration and image haven't changed"),
      B("menu", "Enable interactive shortcuts when running attached. Incompatible with --detach. Can also be enable/disable by setting COMPOSE_MENU environment var."),
      A("no-attach", "Do not attach (stream logs) to the specified services"),
      B("no-build", "Don't build an image, even if it's policy"),
      B("no-color", "Produce monochrome output"),
      B("no-deps", "Don't start linked services"),
      B("no-log-prefix", "Don't print prefix in logs"),
      B("no-recreate", "If containers already exist, don't recreate them. Incompatible with --force-recreate."),
      B("no-start", "Don't start the services after creating them"),
      S("pull", PULL_USAGE, { def: "policy" }),
      B("quiet-pull", "Pull without printing progress information"),
      B("remove-orphans", "Remove containers for services not defined in the Compose file"),
      B("renew-anon-volumes", "Recreate anonymous volumes instead of retrieving data from the previous containers", { short: "V" }),
      // The usage's backquoted `scale` is what pflag shows as the value name.
      A("scale", "Scale SERVICE to NUM instances. Overrides the scale setting in the Compose file if present.", { varname: "scale" }),
      I("timeout", "Use this timeout in seconds for container shutdown when attached or when containers are already running", { short: "t" }),
      B("timestamps", "Show timestamps"),
      B("wait", "Wait for services to be running|healthy. Implies detached mode."),
      I("wait-timeout", "Maximum duration in seconds to wait for the project to be running|healthy"),
      B("watch", "Watch source code and rebuild/refresh containers when files are updated.", { short: "w" }),
      B("yes", 'Assume "yes" as answer to all prompts and run non-interactively', { short: "y" }),
    ],
  },
  version: {
    use: "version [OPTIONS]",
    flags: [
      DRY_RUN,
      S("format", "Format the output. Values: [pretty | json]. (Default: pretty)", { short: "f" }),
      B("short", "Shows only Compose's version number"),
    ],
  },
};

const COMPOSE_REPEATED_TYPES = new Set(["stringArray", "list", "filter"]);

function composeFlagSpec(f) {
  return flagSpec({
    name: f.name, short: f.short, type: f.type, default: f.def, usage: f.usage,
    repeated: COMPOSE_REPEATED_TYPES.has(f.type), noOptDefault: undefined,
  });
}

function composeRenderFlag(f) {
  const varname = f.varname ?? (f.type === "bool" ? "" : f.type);
  const defaultText = f.def === undefined ? undefined : f.type === "string" ? goQuote(f.def) : f.def;
  return { name: f.name, short: f.short, varname, usage: f.usage, defaultText };
}

function buildCompose() {
  const shorts = Object.fromEntries([...COMPOSE_ROOT.management, ...COMPOSE_ROOT.commands]);
  const commands = [];
  const rootGroups = [
    { title: "Management Commands", items: COMPOSE_ROOT.management.map(([name, short]) => ({ name, short })) },
    { title: "Commands", items: COMPOSE_ROOT.commands.map(([name, short]) => ({ name, short })) },
  ];
  commands.push({
    path: "docker compose",
    use: "docker compose [OPTIONS] COMMAND",
    aliases: [],
    short: COMPOSE_ROOT.short,
    flags: COMPOSE_ROOT.flags.map(composeFlagSpec),
    subcommands: rootGroups.flatMap((g) => g.items.map((i) => i.name)).sort(),
    help: renderDockerHelp({
      use: "docker compose [OPTIONS] COMMAND", description: COMPOSE_ROOT.long,
      flags: COMPOSE_ROOT.flags.map(composeRenderFlag), groups: rootGroups, hasParent: true,
      commandPath: "docker compose",
    }),
  });
  for (const [name, c] of Object.entries(COMPOSE_COMMANDS)) {
    if (!shorts[name]) throw new Error(`compose ${name}: not listed by the root command`);
    const use = `docker compose ${c.use}`;
    commands.push({
      path: `docker compose ${name}`,
      use,
      aliases: c.aliases ?? [],
      short: shorts[name],
      flags: c.flags.map(composeFlagSpec),
      subcommands: [],
      help: renderDockerHelp({
        use, description: shorts[name], flags: c.flags.map(composeRenderFlag), hasParent: true,
        commandPath: `docker compose ${name}`,
      }),
    });
  }
  return {
    source: COMPOSE_SOURCE,
    tool: "docker",
    version: COMPOSE_VERSION,
    globalFlags: COMPOSE_ROOT.flags.map(composeFlagSpec),
    commands: sortedCommands(commands),
  };
}

// ---------------------------------------------------------------------------------------------
// docker

async function captureDocker() {
  const bin = process.env.DOCKER || "docker";
  const v = /^Docker version ([^,\s]+)/.exec(runSync(bin, ["--version"]).stdout);
  if (!v) throw new Error(`${bin} --version: unexpected output`);
  const version = v[1];
  if (!EXPECTED_VERSIONS.docker.test(version)) console.warn(`warning: docker ${version}, expected 28.2.x`);

  const found = crawl("docker", bin, parseDockerHelp, DOCKER_SCOPE);
  const commands = found.map(({ path, help, parsed, short }) => ({
    path: ["docker", ...path].join(" "),
    use: parsed.use,
    aliases: parsed.aliases,
    short: short ?? parsed.description.split("\n")[0],
    flags: parsed.flags,
    subcommands: parsed.subcommands.map((s) => s.name),
    help,
    probePath: path,
    probeHelp: help,
  }));
  await probeFlags("docker", bin, commands);
  const root = found.find((f) => f.path.length === 0);
  for (const c of commands) c.flags = normalizeFlags(c.flags);
  const rootCmd = commands.find((c) => c.probePath.length === 0);
  // The help renderer used for the hand-written compose spec must reproduce the real helps.
  const differ = checkDockerRenderer(found.map((f, i) => ({ ...f, flagsFinal: commands[i].flags })));
  console.log(`docker help renderer: ${found.length - differ.length}/${found.length} helps reproduced byte for byte`);
  if (process.env.VERBOSE) for (const d of differ) console.log(`  differs: ${d}`);
  return {
    tool: "docker",
    version,
    globalFlags: root.parsed.globalFlags ? rootCmd.flags : [],
    commands: sortedCommands(commands),
  };
}

// ---------------------------------------------------------------------------------------------
// kubectl

async function captureKubectl() {
  const bin = process.env.KUBECTL || "kubectl";
  const vr = runSync(bin, ["version", "--client", "-o", "json"]);
  const version = JSON.parse(vr.stdout).clientVersion.gitVersion.replace(/-dispatcher$/, "");
  if (!EXPECTED_VERSIONS.kubectl.test(version)) console.warn(`warning: kubectl ${version}, expected v1.30.x`);

  const found = crawl("kubectl", bin, parseKubectlHelp, KUBECTL_SCOPE);
  const commands = found.map(({ path, help, parsed, short }) => ({
    path: ["kubectl", ...path].join(" "),
    use: parsed.use,
    aliases: parsed.aliases,
    short: short ?? parsed.long.split("\n")[0].replace(/\.$/, ""),
    flags: parsed.flags,
    subcommands: parsed.subcommands.map((s) => s.name),
    help,
    probePath: path,
    probeHelp: help,
  }));

  // Global flags: `kubectl options` (whose own --help prints nothing; its output is its help).
  const optionsText = runSync(bin, ["options"]).stdout;
  if (!optionsText.startsWith("The following options can be passed to any command:")) {
    throw new Error("kubectl options: unexpected output");
  }
  const globalLines = optionsText.split("\n").slice(1);
  const globalFlags = parseKubectlFlags(globalLines, "kubectl options");
  const rootHelp = found.find((f) => f.path.length === 0).help;
  const globalHolder = { probePath: [], probeHelp: rootHelp, flags: globalFlags };
  await probeFlags("kubectl", bin, [...commands, globalHolder]);

  commands.push({
    path: "kubectl options",
    use: "kubectl options",
    aliases: [],
    short: KUBECTL_OPTIONS_SHORT,
    flags: [],
    subcommands: [],
    help: optionsText,
  });
  for (const c of commands) c.flags = normalizeFlags(c.flags);
  // Every printed flag entry must be reproducible from the stored FlagSpec.
  for (const c of [...commands, { path: "kubectl options", help: optionsText, flags: globalHolder.flags }]) {
    const printed = c.help.split("\n").filter((l) => KUBECTL_FLAG.test(l)).length;
    if (c.path !== "kubectl options" && printed !== c.flags.length) {
      throw new Error(`${c.path}: ${printed} flag entries printed, ${c.flags.length} parsed`);
    }
    for (const f of c.flags) {
      const def = f.type === "string" ? `'${f.default}'` : f.default;
      const entry = `    ${f.short ? `-${f.short}, ` : ""}--${f.name}=${def}:\n\t${f.usage}\n\n`;
      if (!c.help.includes(entry)) throw new Error(`${c.path} --${f.name}: cannot reproduce its help entry`);
    }
  }
  return {
    tool: "kubectl",
    version,
    globalFlags: normalizeFlags(globalHolder.flags),
    commands: sortedCommands(commands),
  };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const args = process.argv.slice(2);
  const check = args.includes("--check");
  const tools = args.filter((a) => !a.startsWith("--"));
  const want = tools.length ? tools : ["docker", "kubectl", "compose"];
  let stale = false;
  try {
    for (const tool of want) {
      if (!["docker", "kubectl", "compose"].includes(tool)) throw new Error(`unknown tool ${tool}`);
      const spec = tool === "docker" ? await captureDocker() : tool === "kubectl" ? await captureKubectl() : buildCompose();
      const text = JSON.stringify(spec, null, 2) + "\n";
      const file = join(OUT_DIR, tool === "compose" ? "docker-compose.json" : `${tool}.json`);
      const n = Object.keys(spec.commands).length;
      if (check) {
        let old = "";
        try { old = readFileSync(file, "utf8"); } catch { /* missing */ }
        const same = old === text;
        if (!same) stale = true;
        console.log(`${tool}: ${n} commands, ${same ? "up to date" : "DIFFERS from"} ${file}`);
      } else {
        writeFileSync(file, text);
        console.log(`${tool} ${spec.version}: ${n} commands, ${spec.globalFlags.length} global flags -> ${file}`);
      }
    }
  } finally {
    rmSync(WORK_DIR, { recursive: true, force: true });
  }
  if (stale) process.exitCode = 1;
}

main().catch((e) => {
  console.error(`capture-cli-specs: ${e.message}`);
  process.exit(1);
});
