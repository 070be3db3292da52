// `docker swarm ca` (docker/cli cli/command/swarm/ca.go): prints the swarm's root CA; with
// --rotate makes a new one and, unless -d, shows RootRotationProgress (progress/root_rotation.go)
// in its final state, then the new root (nothing at all with -q). Nodes that are down never take
// the new root, so the real CLI waits forever; the simulator waits WAIT_CAP_MS of virtual time
// and stops as a Ctrl-C would.

import { stableHex } from "../../images/digest";
import { nodeRootGeneration, rootCA } from "../swarm/ca-cert";
import type { SwarmCluster } from "../swarm/cluster";
import { clusterSpecError, DAEMON } from "../swarm/errors";
import { WAIT_CAP_MS } from "./service-progress";
import { checkExternalCA, fail, goDurationMs, ok, onManager, type SwarmHandler } from "./swarm-common";

/** Nodes that trust the current root (and so hold certificates from it), out of all nodes. */
export function rootRotation(c: SwarmCluster): { rotated: number; total: number; inProgress: boolean } {
  const nodes = [...c.nodes.values()];
  const rotated = nodes.filter((n) => nodeRootGeneration(c, n) === c.caGeneration).length;
  return { rotated, total: nodes.length, inProgress: rotated < nodes.length };
}

/** jsonmessage's bar with counts in units: `[====>   ] 2/3 nodes`. */
function bar(current: number, total: number): string {
  const pct = Math.min(50, Math.trunc(Math.trunc((current / total) * 100) / 2));
  return `[${"=".repeat(pct)}>${" ".repeat(50 - pct)}] ${current}/${total} nodes`;
}

function progressScreen(c: SwarmCluster): string {
  const r = rootRotation(c);
  // digest.FromBytes(TrustRoot): a stand-in hex, as the certificate itself is one.
  let out = `desired root digest: sha256:${stableHex(rootCA(c).trustRoot, 64)}\n`;
  out += `  rotated TLS certificates:  ${bar(r.rotated, r.total)}\n`;
  // Until every node has a certificate from the new root, no trust root counts as rotated.
  out += `  rotated CA certificates:   ${bar(r.inProgress ? 0 : r.rotated, r.total)}\n`;
  return out;
}

export const swarmCaHandler: SwarmHandler = {
  args: { min: 0, max: 0 },
  values: { "external-ca": checkExternalCA },
  run(ctx, inv) {
    const f = inv.flags;
    return onManager(ctx, (c) => {
      if (!f.bool("rotate")) {
        for (const name of ["ca-cert", "ca-key", "cert-expiry", "external-ca"]) {
          if (f.changed(name)) return fail(`\`--${name}\` flag requires the \`--rotate\` flag to update the CA`);
        }
        return ok(rootCA(c).trustRoot);
      }
      const external = f.changed("external-ca") && f.list("external-ca").length > 0;
      if (external && !f.changed("ca-cert")) {
        return fail("rotating to an external CA requires the `--ca-cert` flag to specify the external CA's cert - to add an external CA with the current root CA certificate, use the `update` command instead");
      }
      if (f.changed("ca-cert") && !external && !f.changed("ca-key")) return fail("the --ca-cert flag requires that a --ca-key flag and/or --external-ca flag be provided as well");
      const invalid = clusterSpecError(f.changed("cert-expiry") ? goDurationMs(f.str("cert-expiry")) : undefined, undefined);
      if (invalid) return fail(DAEMON + invalid);
      if (f.changed("cert-expiry")) c.settings.certExpiryMs = goDurationMs(f.str("cert-expiry"));
      c.rotateRootCA(ctx.world.now);
      ctx.world.record("swarm", "ca-rotate", "cluster", { generation: c.caGeneration });
      if (f.bool("detach")) return ok();
      const converged = ctx.world.advanceUntil(() => !rootRotation(c).inProgress, WAIT_CAP_MS);
      if (f.bool("quiet")) return ok();
      let out = progressScreen(c);
      if (!converged) out += "Operation continuing in background.\nUse `swarmctl cluster inspect default` to check progress.\n";
      return ok(out + rootCA(c).trustRoot);
    });
  },
};
