// `docker swarm init` and `docker swarm join` (docker/cli cli/command/swarm/init.go, join.go).

import { clusterSpecError, DAEMON } from "../swarm/errors";
import { swarmInit, swarmJoin } from "../swarm/membership";
import type { SwarmCluster } from "../swarm/cluster";
import type { Availability, SwarmNode } from "../swarm/types";
import { checkExternalCA, checkUint32, fail, goDurationMs, ok, type SwarmHandler } from "./swarm-common";

export const errInvalidAvailability = (v: string): string =>
  `invalid availability "${v}", only active, pause and drain are supported`;

export function joinCommandText(c: SwarmCluster, self: SwarmNode, role: "worker" | "manager"): string {
  const token = role === "worker" ? c.workerToken : c.managerToken;
  return `To add a ${role} to this swarm, run the following command:\n\n    docker swarm join --token ${token} ${self.managerAddr}\n\n`;
}

export function unlockKeyBlock(key: string): string {
  return "To unlock a swarm manager after it restarts, run the `docker swarm unlock`\n" +
    "command and provide the following key:\n\n" +
    `    ${key}\n\n` +
    "Remember to store this key in a password manager, since without it you\n" +
    "will not be able to restart the manager.\n";
}

export function parseAvailability(v: string, changed: boolean): Availability | { error: string } {
  if (!changed) return "active";
  const a = v.toLowerCase();
  if (a === "active" || a === "pause" || a === "drain") return a;
  return { error: errInvalidAvailability(v) };
}

const CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(3[0-2]|[12]?\d)$/;

/** pflag's ipNetSlice: comma-separated CIDRs (net.ParseCIDR). */
const checkCidrs = (v: string): string | undefined => {
  const bad = v.split(",").find((x) => !CIDR.test(x.trim()));
  return bad === undefined ? undefined : `invalid string being converted to CIDR: ${bad}`;
};

export const swarmInitHandler: SwarmHandler = {
  args: { min: 0, max: 0 },
  values: { "default-addr-pool": checkCidrs, "default-addr-pool-mask-length": checkUint32, "data-path-port": checkUint32, "external-ca": checkExternalCA },
  run(ctx, inv) {
    const f = inv.flags;
    const availability = parseAvailability(f.str("availability"), f.changed("availability"));
    if (typeof availability !== "string") return fail(availability.error);
    const r = swarmInit(ctx.world, ctx.host, {
      advertiseAddr: f.str("advertise-addr"),
      listenAddr: f.str("listen-addr"),
      autolock: f.bool("autolock"),
      forceNewCluster: f.bool("force-new-cluster"),
      availability,
      taskHistoryLimit: f.changed("task-history-limit") ? f.int("task-history-limit") : undefined,
      defaultAddrPool: f.list("default-addr-pool").flatMap((p) => p.split(",")),
      subnetSize: f.changed("default-addr-pool-mask-length") ? f.int("default-addr-pool-mask-length") : undefined,
      dataPathPort: f.changed("data-path-port") ? f.int("data-path-port") : undefined,
    });
    if (!r.ok) return fail(r.error);
    // The rest of the cluster spec the CLI sends (swarmOptions.ToSpec: only flags given), which
    // moby's initClusterSpec merges into the new cluster.
    // When swarmkit refuses that spec, the swarm stays initialized with its defaults and the
    // command fails with the wrapped error.
    const invalid = clusterSpecError(
      f.changed("cert-expiry") ? goDurationMs(f.str("cert-expiry")) : undefined,
      f.changed("dispatcher-heartbeat") ? goDurationMs(f.str("dispatcher-heartbeat")) : undefined,
    );
    if (invalid) return fail(`${DAEMON}error updating cluster settings: ${invalid}`);
    const set = r.cluster.settings;
    if (f.changed("dispatcher-heartbeat")) set.dispatcherHeartbeatMs = goDurationMs(f.str("dispatcher-heartbeat"));
    if (f.changed("cert-expiry")) set.certExpiryMs = goDurationMs(f.str("cert-expiry"));
    if (f.changed("snapshot-interval")) set.snapshotInterval = f.int("snapshot-interval");
    if (f.changed("max-snapshots")) set.maxSnapshots = f.int("max-snapshots");
    let out = `Swarm initialized: current node (${r.node.id}) is now a manager.\n\n`;
    out += joinCommandText(r.cluster, r.node, "worker");
    out += "To add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions.\n\n";
    if (f.bool("autolock") && r.cluster.unlockKey) out += unlockKeyBlock(r.cluster.unlockKey);
    return ok(out);
  },
};

export const swarmJoinHandler: SwarmHandler = {
  args: { min: 1, max: 1 },
  run(ctx, inv) {
    const f = inv.flags;
    const availability = parseAvailability(f.str("availability"), f.changed("availability"));
    if (typeof availability !== "string") return fail(availability.error);
    const r = swarmJoin(ctx.world, ctx.host, {
      token: f.str("token"), remote: inv.args[0]!, advertiseAddr: f.str("advertise-addr"),
      listenAddr: f.str("listen-addr"), availability,
    });
    if (!r.ok) return fail(r.error);
    return ok(`This node joined a swarm as a ${r.role}.\n`);
  },
};
