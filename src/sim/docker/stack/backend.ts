// Mirrors docker/cli cli/command/stack/swarm (deploy_composefile.go, list.go, services.go,
// ps.go, remove.go): the swarm side of `docker stack …`, on top of the Swarm simulator's control
// API. Deploy order: prune, networks, secrets, configs, services; everything a stack owns carries
// the label com.docker.stack.namespace=STACK, which is how ls/services/ps/rm find it.

import type { Invocation } from "../../cli/command";
import type { ExecResult, ProgramContext } from "../../programs/registry";
import type { ComposeModel } from "../compose/model";
import { findNetwork, removeNetwork, createNetwork, visibleNetworks, type AnyNetwork } from "../network";
import { renderTasks } from "../cli/service-ps";
import { filterServices, serviceRows } from "../cli/service-ls";
import { waitForService } from "../cli/service-progress";
import { resolveServiceImage } from "../cli/service-spec";
import { badFilter, fail, listOutput, ok, onManager, parseFilters } from "../cli/swarm-common";
import { naturalCompare, type SwarmCluster } from "../swarm/cluster";
import { DAEMON, ERR_NO_LEADER, rpc } from "../swarm/errors";
import { quorumView } from "../swarm/raft";
import { createService, errLocalNetwork, removeService, updateService } from "../swarm/services";
import { managerAccess } from "../swarm/state";
import type { SecretOrConfig, Service } from "../swarm/types";
import type { SourceFile } from "../compose/load";
import {
  convertService, errExternalMissing, errExternalScope, LABEL_NAMESPACE, planNetworks, planObjects, scoped, serviceNetworkKeys, type ConvertContext,
} from "./convert";
import type { StackBackend } from "./commands";

export const NOT_A_MANAGER = 'this node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again';
export const errNothingFound = (stack: string) => `Nothing found in stack: ${stack}`;
export const errNothingFoundPs = (stack: string) => `nothing found in stack: ${stack}`;
export const ERR_ONLY_LABELS = "only updates to Labels are allowed";

const inStack = (labels: Record<string, string>, stack: string) => labels[LABEL_NAMESPACE] === stack;

export function stackServices(c: SwarmCluster, stack: string): Service[] {
  return [...c.services.values()].filter((s) => inStack(s.spec.labels, stack)).sort((a, b) => naturalCompare(a.spec.name, b.spec.name));
}

/** The networks this engine lists with the stack's label (swarm-scoped ones and local ones). */
function stackNetworks(ctx: ProgramContext, stack: string): AnyNetwork[] {
  return visibleNetworks(ctx.world, ctx.host).filter((n) => inStack(n.net.labels, stack));
}

const dirOf = (p: string) => p.slice(0, Math.max(1, p.lastIndexOf("/")));

function resolver(base: string) {
  return (p: string) => (p.startsWith("/") ? p : `${base}/${p.replace(/^\.\//, "")}`);
}

/** Creates or updates secrets/configs; prints "Creating secret NAME" for new ones. */
function deployObjects(
  ctx: ProgramContext, c: SwarmCluster, kind: "secret" | "config", stack: string, model: ComposeModel, base: string,
  out: string[], noLeader?: string,
): Record<string, { id: string; name: string }> | string {
  const decls = kind === "secret" ? model.secrets : model.configs;
  const store = kind === "secret" ? c.secrets : c.configs;
  const ids: Record<string, { id: string; name: string }> = {};
  for (const p of planObjects(stack, decls, resolver(base))) {
    const existing = [...store.values()].find((o) => o.name === p.name);
    if (p.external) {
      // An external object is only looked up for the services that use it (ParseSecrets in
      // convert.Services): a missing one fails there, named after the service.
      ids[p.key] = existing ? { id: existing.id, name: existing.name } : { id: "", name: p.name };
      continue;
    }
    // createSecrets/createConfigs inspect each object first; without a leader that fails as is.
    if (noLeader) return noLeader;
    let data = "";
    if (p.file !== undefined) {
      const text = ctx.host.fs.read(p.file);
      if (text === undefined) return `open ${p.file}: no such file or directory`;
      data = text;
    } else if (p.envVar !== undefined) data = ctx.env[p.envVar] ?? "";
    else if (p.content !== undefined) data = p.content;
    if (existing) {
      if (existing.data !== data) return `failed to update ${kind} ${p.name}: ${DAEMON}${rpc("InvalidArgument", ERR_ONLY_LABELS)}`;
      existing.labels = p.labels;
      existing.updatedAt = ctx.world.now;
      ids[p.key] = { id: existing.id, name: existing.name };
      continue;
    }
    out.push(`Creating ${kind} ${p.name}\n`);
    const obj: SecretOrConfig = {
      id: c.newId(), name: p.name, labels: p.labels, data, driver: "", templateDriver: "", createdAt: ctx.world.now, updatedAt: ctx.world.now,
    };
    store.set(obj.id, obj);
    ctx.world.record("swarm", `${kind}-create`, `${kind}/${p.name}`, { id: obj.id, stack });
    ids[p.key] = { id: obj.id, name: obj.name };
  }
  return ids;
}

function deploy(ctx: ProgramContext, stack: string, model: ComposeModel, opts: { prune: boolean; detach: boolean; files: SourceFile[]; resolveImage?: string }): ExecResult {
  // The CLI's own check is Info's ControlAvailable, which a manager without a leader still
  // passes: each API call that needs the raft then fails with the daemon's no-leader error.
  const acc = managerAccess(ctx.world, ctx.host, { needQuorum: false });
  if (!acc.ok) return fail(acc.error);
  const c = acc.cluster;
  const noLeader = quorumView(c).hasQuorum ? undefined : DAEMON + ERR_NO_LEADER;
  const out: string[] = [];
  let errOut = "";
  const failWith = (e: string) => ({ exitCode: 1, stdout: out.join(""), stderr: errOut + (e.endsWith("\n") ? e : e + "\n") });
  const base = dirOf(opts.files[0]?.path ?? ctx.host.fs.cwd + "/x");

  // pruneServices only reports a failed listing and goes on.
  if (opts.prune && noLeader) errOut += `Failed to list services: ${noLeader}\n`;
  else if (opts.prune) {
    const wanted = new Set(model.services.map((s) => scoped(stack, s.name)));
    for (const svc of stackServices(c, stack)) {
      if (wanted.has(svc.spec.name)) continue;
      out.push(`Removing service ${svc.spec.name}\n`);
      removeService(ctx.world, c, svc);
    }
  }

  const networkIds: Record<string, string> = {};
  const plans = planNetworks(stack, model);
  for (const n of plans.filter((p) => p.external)) {
    const found = findNetwork(ctx.world, ctx.host, n.name);
    if (!found.ok) return failWith(errExternalMissing(n.name));
    if (found.network.scope !== "swarm") return failWith(errExternalScope(n.name, found.network.scope));
    networkIds[n.key] = found.network.net.id;
  }
  // getStackNetworks lists the manager engine's networks by the stack label, local ones too: a
  // network a stack declared with `driver: bridge` is made on this engine (the CLI sets no scope),
  // found again on a redeploy, and refused when a service is created on it (below).
  const stackNets = stackNetworks(ctx, stack);
  const localNets: Record<string, string> = {};
  for (const n of plans.filter((p) => !p.external)) {
    const existing = stackNets.find((x) => x.net.name === n.name);
    const made = existing ? { ok: true as const, network: existing } : (() => {
      out.push(`Creating network ${n.name}\n`);
      // A swarm-scoped network is made by the managers' control API (needs the leader).
      if (noLeader && (n.driver || "overlay") === "overlay") return { ok: false as const, error: noLeader };
      return createNetwork(ctx.world, ctx.host, {
        name: n.name, driver: n.driver, attachable: n.attachable, internal: n.internal, labels: n.labels, options: n.options,
        ...(n.subnet ? { subnet: n.subnet } : {}),
      });
    })();
    if (!made.ok) return failWith(`failed to create network ${n.name}: ${made.error}`);
    networkIds[n.key] = made.network.net.id;
    if (made.network.scope === "local") localNets[n.key] = n.name;
    if (!existing) ctx.world.record("swarm", "network-create", `network/${n.name}`, { id: made.network.net.id, stack });
  }

  const secretIds = deployObjects(ctx, c, "secret", stack, model, base, out, noLeader);
  if (typeof secretIds === "string") return failWith(secretIds);
  const configIds = deployObjects(ctx, c, "config", stack, model, base, out, noLeader);
  if (typeof configIds === "string") return failWith(configIds);
  // deployServices lists the stack's services first.
  if (noLeader) return failWith(noLeader);

  const cc: ConvertContext = {
    world: ctx.world, stack, model, networkIds, secretIds, configIds,
    resolveImage: (opts.resolveImage ?? "always") as ConvertContext["resolveImage"],
  };
  const deployed: Service[] = [];
  let warnings = "";
  for (const s of [...model.services].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const conv = convertService(cc, s);
    if (!conv.ok) return failWith(conv.error);
    const existing = c.serviceByName(conv.spec.name);
    // The daemon's populateNetworkID, before the request reaches swarmkit: an engine-local
    // network (first by name, as convertServiceNetworks sorts them) cannot carry a service.
    const onLocal = serviceNetworkKeys(s).map((k) => localNets[k]).filter((n): n is string => !!n).sort()[0];
    if (existing) {
      out.push(`Updating service ${conv.spec.name} (id: ${existing.id})\n`);
      if (onLocal) return failWith(`failed to update service ${conv.spec.name}: ${DAEMON}${errLocalNetwork(onLocal)}`);
      // Stack deploy has no --force: keep the current ForceUpdate so tasks are not redeployed.
      const spec = { ...conv.spec, forceUpdate: existing.spec.forceUpdate };
      if (cc.resolveImage !== "always" && spec.image.split("@")[0] === existing.spec.image.split("@")[0]) spec.image = existing.spec.image;
      const r = updateService(ctx.world, c, existing, spec);
      if (!r.ok) return failWith(`failed to update service ${conv.spec.name}: ${r.error}`);
      // deployServices prints the daemon's warnings for an update only (a create's are dropped):
      // the digest warning when the registry was asked and could not resolve the image.
      const asked = cc.resolveImage === "always" || (cc.resolveImage === "changed" && spec.image !== existing.spec.image);
      if (asked) warnings += resolveServiceImage(ctx.world, spec.image.split("@")[0]!, false).warning;
      deployed.push(r.service);
    } else {
      out.push(`Creating service ${conv.spec.name}\n`);
      if (onLocal) return failWith(`failed to create service ${conv.spec.name}: ${DAEMON}${errLocalNetwork(onLocal)}`);
      const r = createService(ctx.world, c, conv.spec);
      if (!r.ok) return failWith(`failed to create service ${conv.spec.name}: ${r.error}`);
      deployed.push(r.service);
    }
  }
  if (!opts.detach) {
    for (const svc of deployed) {
      const w = waitForService(ctx.world, c, svc, svc.id);
      out.push(w.stdout);
      if (w.exitCode !== 0) return { exitCode: w.exitCode, stdout: out.join(""), stderr: warnings + w.stderr };
    }
  }
  return ok(out.join(""), warnings);
}

const HEADERS_LS = { Name: "NAME", Services: "SERVICES" };

function ls(ctx: ProgramContext, inv: Invocation): ExecResult {
  return onManager(ctx, (c) => {
    const counts = new Map<string, number>();
    for (const s of c.services.values()) {
      const ns = s.spec.labels[LABEL_NAMESPACE];
      if (ns !== undefined) counts.set(ns, (counts.get(ns) ?? 0) + 1);
    }
    const names = [...counts.keys()].sort(naturalCompare);
    const rows = names.map((n) => ({ Name: n, Services: String(counts.get(n)) }));
    return listOutput(ctx, {
      quiet: false, format: inv.flags.str("format"), ids: names, rows, headers: HEADERS_LS,
      defaultTable: [Object.values(HEADERS_LS), ...rows.map((r) => [r.Name, r.Services])],
    });
  });
}

const SERVICE_HEADERS = { ID: "ID", Name: "NAME", Mode: "MODE", Replicas: "REPLICAS", Image: "IMAGE", Ports: "PORTS" };

function services(ctx: ProgramContext, stack: string, inv: Invocation): ExecResult {
  return onManager(ctx, (c) => {
    const filters = parseFilters(inv.flags.list("filter"));
    const bad = badFilter(filters, ["id", "label", "mode", "name"]);
    if (bad) return bad;
    filters.set("label", [...(filters.get("label") ?? []), `${LABEL_NAMESPACE}=${stack}`]);
    const list = filterServices(c, filters);
    if (list.length === 0 && !inv.flags.bool("quiet") && !inv.flags.str("format")) return { exitCode: 0, stdout: "", stderr: errNothingFound(stack) + "\n" };
    const rows = serviceRows(c, list);
    return listOutput(ctx, {
      // service.NewListFormat's quiet "{{.ID}}": serviceContext.ID is the short ID.
      quiet: inv.flags.bool("quiet"), format: inv.flags.str("format"), ids: list.map((s) => s.id.slice(0, 12)), rows, headers: SERVICE_HEADERS,
      defaultTable: [Object.values(SERVICE_HEADERS), ...rows.map((r) => [r.ID, r.Name, r.Mode, r.Replicas, r.Image, r.Ports])],
    });
  });
}

function ps(ctx: ProgramContext, stack: string, inv: Invocation): ExecResult {
  return onManager(ctx, (c) => {
    const filters = parseFilters(inv.flags.list("filter"));
    const bad = badFilter(filters, ["id", "name", "node", "desired-state", "label"]);
    if (bad) return bad;
    const ids = new Set(stackServices(c, stack).map((s) => s.id));
    const tasks = [...c.tasks.values()].filter((t) => ids.has(t.serviceId));
    if (tasks.length === 0) return fail(errNothingFoundPs(stack));
    return renderTasks(ctx, c, tasks, {
      // stack/ps.go passes !noTrunc straight to task.Print: -q lists short IDs.
      noTrunc: inv.flags.bool("no-trunc"), noResolve: inv.flags.bool("no-resolve"), quiet: inv.flags.bool("quiet"),
      format: inv.flags.str("format"), filters,
    });
  });
}

function rm(ctx: ProgramContext, stacks: string[]): ExecResult {
  return onManager(ctx, (c) => {
    let stdout = "";
    let stderr = "";
    let failed = false;
    for (const stack of stacks) {
      const svcs = stackServices(c, stack).sort((a, b) => (a.spec.name < b.spec.name ? -1 : 1));
      const byName = (m: Map<string, SecretOrConfig>) => [...m.values()].filter((o) => inStack(o.labels, stack)).sort((a, b) => (a.name < b.name ? -1 : 1));
      const secrets = byName(c.secrets);
      const configs = byName(c.configs);
      const nets = stackNetworks(ctx, stack).map((n) => n.net).sort((a, b) => (a.name < b.name ? -1 : 1));
      if (!svcs.length && !secrets.length && !configs.length && !nets.length) {
        stderr += errNothingFound(stack) + "\n";
        continue;
      }
      for (const s of svcs) {
        stdout += `Removing service ${s.spec.name}\n`;
        removeService(ctx.world, c, s);
      }
      for (const s of secrets) {
        stdout += `Removing secret ${s.name}\n`;
        c.secrets.delete(s.id);
        ctx.world.record("swarm", "secret-remove", `secret/${s.name}`, { id: s.id, stack });
      }
      for (const s of configs) {
        stdout += `Removing config ${s.name}\n`;
        c.configs.delete(s.id);
        ctx.world.record("swarm", "config-remove", `config/${s.name}`, { id: s.id, stack });
      }
      let netFailed = false;
      for (const n of nets) {
        stdout += `Removing network ${n.name}\n`;
        const r = removeNetwork(ctx.world, ctx.host, n.id);
        if (!r.ok) {
          stderr += `Failed to remove network ${n.id}: ${r.error}\n`;
          netFailed = true;
        } else ctx.world.record("swarm", "network-remove", `network/${n.name}`, { id: n.id, stack });
      }
      if (netFailed) {
        stderr += `failed to remove some resources from stack: ${stack}\n`;
        failed = true;
      }
    }
    return { exitCode: failed ? 1 : 0, stdout, stderr };
  });
}

/** The swarm-backed StackBackend (the default one). */
export const swarmStackBackend: StackBackend = {
  precondition(ctx) {
    const acc = managerAccess(ctx.world, ctx.host, { needQuorum: false });
    return acc.ok ? undefined : NOT_A_MANAGER;
  },
  deploy: (ctx, stack, model, opts) => deploy(ctx, stack, model, opts),
  ls,
  services,
  ps,
  rm: (ctx, stacks) => rm(ctx, stacks),
};

