// `docker swarm join-token | leave | update | unlock | unlock-key` (docker/cli cli/command/swarm).

import { clusterSpecError, DAEMON, ERR_CANNOT_ROTATE_UNLOCK, ERR_NO_UNLOCK_KEY, ERR_UNLOCK_BAD_KEY_STRING, ERR_UNLOCK_INVALID_KEY, ERR_UNLOCK_NOT_IN_SWARM, ERR_UNLOCK_NOT_LOCKED } from "../swarm/errors";
import { parseUnlockKey, sameUnlockKey } from "../swarm/ids";
import { swarmLeave } from "../swarm/membership";
import { managerAccess, swarmOf } from "../swarm/state";
import { checkExternalCA, fail, goDurationMs, ok, onManager, type SwarmHandler } from "./swarm-common";
import { joinCommandText, unlockKeyBlock } from "./swarm-init";

export const swarmJoinTokenHandler: SwarmHandler = {
  args: { min: 1, max: 1 },
  run(ctx, inv) {
    const role = inv.args[0]!;
    if (role !== "worker" && role !== "manager") return fail(`unknown role ${role}`);
    return onManager(ctx, (c, self) => {
      let out = "";
      if (inv.flags.bool("rotate")) {
        c.rotateToken(role);
        if (!inv.flags.bool("quiet")) out += `Successfully rotated ${role} join token.\n\n`;
      }
      if (inv.flags.bool("quiet")) return ok(`${role === "worker" ? c.workerToken : c.managerToken}\n`);
      return ok(out + joinCommandText(c, self, role));
    });
  },
};

export const swarmLeaveHandler: SwarmHandler = {
  args: { min: 0, max: 0 },
  run(ctx, inv) {
    const r = swarmLeave(ctx.world, ctx.host, inv.flags.bool("force"));
    return r.ok ? ok("Node left the swarm.\n") : fail(r.error);
  },
};

export const swarmUpdateHandler: SwarmHandler = {
  args: { min: 0, max: 0 },
  values: { "external-ca": checkExternalCA },
  run(ctx, inv) {
    const f = inv.flags;
    if (f.given().length === 0) return ok(inv.spec.help);
    return onManager(ctx, (c) => {
      const invalid = clusterSpecError(
        f.changed("cert-expiry") ? goDurationMs(f.str("cert-expiry")) : undefined,
        f.changed("dispatcher-heartbeat") ? goDurationMs(f.str("dispatcher-heartbeat")) : undefined,
      );
      if (invalid) return fail(DAEMON + invalid);
      let out = "Swarm updated.\n";
      if (f.changed("task-history-limit")) c.settings.taskHistoryLimit = f.int("task-history-limit");
      if (f.changed("dispatcher-heartbeat")) c.settings.dispatcherHeartbeatMs = goDurationMs(f.str("dispatcher-heartbeat"));
      if (f.changed("cert-expiry")) c.settings.certExpiryMs = goDurationMs(f.str("cert-expiry"));
      if (f.changed("snapshot-interval")) c.settings.snapshotInterval = f.int("snapshot-interval");
      if (f.changed("max-snapshots")) c.settings.maxSnapshots = f.int("max-snapshots");
      if (f.changed("autolock")) {
        const on = f.bool("autolock");
        if (on && !c.autolock) {
          c.autolock = true;
          c.rotateUnlockKey();
          out += unlockKeyBlock(c.unlockKey);
        } else if (!on) {
          c.autolock = false;
          c.unlockKey = "";
        }
      }
      ctx.world.record("swarm", "swarm-update", "cluster", { autolock: c.autolock });
      return ok(out);
    });
  },
};

export const swarmUnlockKeyHandler: SwarmHandler = {
  args: { min: 0, max: 0 },
  run(ctx, inv) {
    const rotate = inv.flags.bool("rotate");
    const quiet = inv.flags.bool("quiet");
    const acc = managerAccess(ctx.world, ctx.host);
    // Without --rotate the first call is SwarmGetUnlockKey, whose errors the CLI wraps.
    if (!acc.ok) return fail(rotate ? acc.error : `could not fetch unlock key: ${acc.error}`);
    const c = acc.cluster;
    let out = "";
    if (rotate) {
      if (!c.autolock) return fail(ERR_CANNOT_ROTATE_UNLOCK);
      c.rotateUnlockKey();
      // Fprintln, no blank line (unlike join-token's "\n\n"): docker 28's binary holds the
      // literal without a newline.
      if (!quiet) out += "Successfully rotated manager unlock key.\n";
    }
    if (!c.autolock || !c.unlockKey) return fail(ERR_NO_UNLOCK_KEY, 1, out);
    if (quiet) return ok(`${c.unlockKey}\n`);
    return ok(out + unlockKeyBlock(c.unlockKey));
  },
};

export const swarmUnlockHandler: SwarmHandler = {
  args: { min: 0, max: 0 },
  run(ctx) {
    const st = swarmOf(ctx.world);
    const cur = st.of(ctx.host);
    if (!cur && st.pending.has(ctx.host.name)) return fail(ERR_UNLOCK_NOT_LOCKED);
    if (!cur) return fail(ERR_UNLOCK_NOT_IN_SWARM);
    if (!cur.membership.locked) return fail(ERR_UNLOCK_NOT_LOCKED);
    // Without a TTY the key is read from stdin (one line); the prompt is not shown.
    const key = ctx.stdin.split("\n")[0]!.trim();
    if (!parseUnlockKey(key)) return fail(DAEMON + ERR_UNLOCK_BAD_KEY_STRING);
    // The key that decrypts this manager's own raft key: the one in force when it locked.
    const needed = cur.membership.lockedKey ?? cur.cluster.unlockKey;
    if (!needed || !sameUnlockKey(key, needed)) return fail(DAEMON + ERR_UNLOCK_INVALID_KEY);
    cur.membership.locked = false;
    cur.membership.lockedKey = undefined;
    ctx.world.record("swarm", "unlock", `node/${ctx.host.name}`, {});
    ctx.world.settle();
    return ok();
  },
};
