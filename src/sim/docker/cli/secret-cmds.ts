// `docker secret …` and `docker config …` (docker/cli cli/command/secret, config): the same
// store shape, with the differences the real CLIs have (config needs the file argument, wraps
// read errors, lists no DRIVER column, and its inspect shows the data).

import { dockerAgo } from "../../cli/format/duration";
import { naturalCompare, type SwarmCluster } from "../swarm/cluster";
import { DAEMON, ERR_INVALID_OBJECT_NAME, errObjectExists, errObjectInUse } from "../swarm/errors";
import type { SecretOrConfig } from "../swarm/types";
import { badFilter, type Ctx, fail, FILTER_VALUE, inspectOutput, keyValues, labelMatch, listOutput, ok, onManager, parseFilters, type SwarmHandler } from "./swarm-common";
import { asMap, prettyLabels } from "./swarm-format";
import { GoTime } from "../../cli/format/go-value";
import { goTimeString, withZero } from "./swarm-inspect";
import { checkLabel } from "./service-flag-values";
import { goQuote } from "../../cli/format/go-fmt";

export type Kind = "secret" | "config";
const NAME_RE = /^[a-zA-Z0-9]+(?:[a-zA-Z0-9-_.]*[a-zA-Z0-9])?$/;
const storeOf = (c: SwarmCluster, kind: Kind) => (kind === "secret" ? c.secrets : c.configs);

function readData(ctx: Ctx, kind: Kind, file: string): { ok: true; data: string } | { ok: false; error: string } {
  const wrap = (e: string) => (kind === "config" ? `Error reading content from ${goQuote(file)}: ${e}` : e);
  if (file === "-") {
    if (ctx.stdin === "") return { ok: false, error: wrap("error reading from STDIN: data is empty") };
    return { ok: true, data: ctx.stdin };
  }
  const text = ctx.host.fs.read(file);
  if (text === undefined) return { ok: false, error: wrap(`error reading from ${file}: open ${file}: no such file or directory`) };
  if (text === "") return { ok: false, error: wrap(`error reading from ${file}: data is empty`) };
  return { ok: true, data: text };
}

function find(c: SwarmCluster, kind: Kind, ref: string): SecretOrConfig | undefined {
  const all = [...storeOf(c, kind).values()];
  return all.find((s) => s.id === ref) ?? all.find((s) => s.name.toLowerCase() === ref.toLowerCase()) ?? (ref ? (all.filter((s) => s.id.startsWith(ref)).length === 1 ? all.find((s) => s.id.startsWith(ref)) : undefined) : undefined);
}

function create(kind: Kind): SwarmHandler {
  return {
    args: kind === "secret" ? { min: 1, max: 2 } : { min: 2, max: 2 },
    // -l/--label is opts.ListOpts with ValidateLabel.
    values: { label: checkLabel },
    run(ctx, inv) {
      const [name, file] = inv.args as [string, string | undefined];
      const driver = kind === "secret" ? inv.flags.str("driver") : "";
      // runSecretCreate: with a --driver the data comes from the driver, so a file is refused.
      if (driver && file !== undefined) return fail("When using secret driver secret data must be empty");
      if (file === undefined && !driver) return fail("secret file is required");
      let data = "";
      if (file !== undefined) {
        const r = readData(ctx, kind, file);
        if (!r.ok) return fail(r.error);
        data = r.data;
      }
      return onManager(ctx, (c) => {
        if (!NAME_RE.test(name) || name.length > 64) return fail(DAEMON + ERR_INVALID_OBJECT_NAME);
        const store = storeOf(c, kind);
        // swarmkit's store indexes names lowercased: "DB" clashes with "db".
        if ([...store.values()].some((s) => s.name.toLowerCase() === name.toLowerCase())) return fail(DAEMON + errObjectExists(kind, name));
        const obj: SecretOrConfig = {
          id: c.newId(), name, labels: keyValues(inv.flags.list("label")), data, driver, templateDriver: inv.flags.str("template-driver"),
          createdAt: ctx.world.now, updatedAt: ctx.world.now,
        };
        store.set(obj.id, obj);
        ctx.world.record("swarm", `${kind}-create`, `${kind}/${name}`, { id: obj.id });
        return ok(`${obj.id}\n`);
      });
    },
  };
}

function ls(kind: Kind): SwarmHandler {
  const headers: Record<string, string> = kind === "secret"
    ? { ID: "ID", Name: "NAME", Driver: "DRIVER", CreatedAt: "CREATED", UpdatedAt: "UPDATED", Labels: "LABELS" }
    : { ID: "ID", Name: "NAME", CreatedAt: "CREATED", UpdatedAt: "UPDATED", Labels: "LABELS" };
  return {
    args: { min: 0, max: 0 },
    values: { filter: FILTER_VALUE },
    run(ctx, inv) {
      return onManager(ctx, (c) => {
        const filters = parseFilters(inv.flags.list("filter"));
        const bad = badFilter(filters, ["id", "label", "name", "names"]);
        if (bad) return bad;
        const items = [...storeOf(c, kind).values()]
          .filter((s) => !filters.has("id") || filters.get("id")!.some((p) => s.id.startsWith(p)))
          .filter((s) => !filters.has("name") || filters.get("name")!.some((p) => s.name.toLowerCase().startsWith(p.toLowerCase())))
          .filter((s) => labelMatch(filters.get("label"), s.labels))
          .sort((a, b) => naturalCompare(a.name, b.name));
        const rows = items.map((s) => ({
          ID: s.id, Name: s.name, ...(kind === "secret" ? { Driver: s.driver } : {}), CreatedAt: dockerAgo(ctx.world.now - s.createdAt), UpdatedAt: dockerAgo(ctx.world.now - s.updatedAt),
          Labels: Object.entries(s.labels).map(([k, v]) => `${k}=${v}`).join(","),
          // secretContext/configContext.Label(name): `{{.Label "key"}}`.
          Label: (name: unknown) => s.labels[String(name)] ?? "",
        }));
        const cols = Object.keys(headers).filter((h) => h !== "Labels");
        return listOutput(ctx, {
          rootType: `*${kind}.${kind}Context`,
          quiet: inv.flags.bool("quiet"), format: inv.flags.str("format"), ids: items.map((s) => s.id), rows, headers,
          defaultTable: [cols.map((h) => headers[h]!), ...rows.map((r) => cols.map((h) => String(r[h as keyof typeof r])))],
        });
      });
    },
  };
}

function fileObject(kind: Kind, s: SecretOrConfig): Record<string, unknown> {
  const spec: Record<string, unknown> = { Name: s.name, Labels: asMap({ ...s.labels }) };
  if (kind === "config") spec.Data = btoa(unescape(encodeURIComponent(s.data)));
  if (s.driver) spec.Driver = { Name: s.driver };
  // The typed struct a template sees first has every field (a secret's Data is never sent).
  withZero(spec, { Data: [], Driver: null, Templating: null });
  return { ID: s.id, Version: { Index: 11 }, CreatedAt: new GoTime(s.createdAt), UpdatedAt: new GoTime(s.updatedAt), Spec: spec };
}

/** `docker inspect`'s secret/config lookup (full ID, name, unique ID prefix). */
export function inspectFileObject(c: SwarmCluster, kind: Kind, ref: string): Record<string, unknown> | undefined {
  const s = find(c, kind, ref);
  return s ? fileObject(kind, s) : undefined;
}

/**
 * docker/cli secret/formatter.go secretInspectPrettyTemplate and config/formatter.go
 * configInspectPrettyTemplate (their odd spacing kept); the times are PrettyPrint(time.Time):
 * Time.String() with everything after the first letter lowered ("+0000 utc"). formatter.Context
 * ends each record with a newline; a config's data is printed as it is, after "Data:".
 */
function prettyFile(kind: Kind, s: SecretOrConfig): string {
  const when = (ms: number) => goTimeString(ms).toLowerCase();
  const labels = Object.keys(s.labels).length ? `Labels:\n${prettyLabels(s.labels)}` : "";
  if (kind === "secret") {
    return `ID:              ${s.id}\nName:              ${s.name}\n${labels}Driver:            ${s.driver}\n` +
      `Created at:        ${when(s.createdAt)}\nUpdated at:        ${when(s.updatedAt)}\n`;
  }
  return `ID:\t\t\t${s.id}\nName:\t\t\t${s.name}\n${labels}Created at:            \t${when(s.createdAt)}\n` +
    `Updated at:            \t${when(s.updatedAt)}\nData:\n${s.data}\n`;
}

function inspect(kind: Kind): SwarmHandler {
  return {
    args: { min: 1 },
    run(ctx, inv) {
      // --pretty replaces any --format (no conflict error, unlike service inspect); a template
      // starting with "pretty" is refused before the daemon is asked.
      const format = inv.flags.bool("pretty") ? "pretty" : inv.flags.str("format");
      if (format.startsWith("pretty") && format !== "pretty") return fail("cannot supply extra formatting options to the pretty template");
      return onManager(ctx, (c) => {
        const objs: unknown[] = [];
        const found: SecretOrConfig[] = [];
        const errors: string[] = [];
        for (const ref of inv.args) {
          const s = find(c, kind, ref);
          if (!s) { errors.push(`${DAEMON}${kind} ${ref} not found`); continue; }
          found.push(s);
          objs.push(fileObject(kind, s));
        }
        // formatter.Context buffers the records and writes nothing when a reference fails.
        if (format === "pretty") return errors.length ? fail(errors[0]!) : ok(found.map((s) => prettyFile(kind, s)).join(""));
        return inspectOutput(objs, format, errors);
      });
    },
  };
}

function rm(kind: Kind): SwarmHandler {
  return {
    args: { min: 1 },
    run(ctx, inv) {
      return onManager(ctx, (c) => {
        let stdout = "";
        let stderr = "";
        for (const ref of inv.args) {
          const s = find(c, kind, ref);
          if (!s) { stderr += `${DAEMON}${kind} ${ref} not found\n`; continue; }
          const users = [...c.services.values()].filter((svc) => (kind === "secret" ? svc.spec.secrets : svc.spec.configs).some((x) => x.id === s.id)).map((svc) => svc.spec.name).sort();
          if (users.length) { stderr += DAEMON + errObjectInUse(kind, s.name, users) + "\n"; continue; }
          storeOf(c, kind).delete(s.id);
          stdout += `${ref}\n`;
        }
        return { exitCode: stderr ? 1 : 0, stdout, stderr };
      });
    },
  };
}

export const SECRET_HANDLERS: Record<string, SwarmHandler> = {
  "docker secret create": create("secret"), "docker secret ls": ls("secret"),
  "docker secret inspect": inspect("secret"), "docker secret rm": rm("secret"),
};
export const CONFIG_HANDLERS: Record<string, SwarmHandler> = {
  "docker config create": create("config"), "docker config ls": ls("config"),
  "docker config inspect": inspect("config"), "docker config rm": rm("config"),
};
