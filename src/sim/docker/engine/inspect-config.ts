// The Config block of `docker inspect CONTAINER`: Go's container.Config in its field order (the
// JSON and the templates follow it), filled from what `docker run|create` set and the image's
// defaults merged in by the daemon (ENTRYPOINT/CMD, USER, WORKDIR, STOPSIGNAL).

import { goMap } from "../../cli/format/go-value";
import type { World } from "../../world";
import { imageFactsOf } from "./ops";
import { exposedPortsJson } from "./ports";
import type { Container } from "./state";

export function containerConfigJson(world: World, host: string, c: Container): Record<string, unknown> {
  const image = imageFactsOf(world, c.image, host);
  const io = c.stdio ?? { Tty: false, OpenStdin: false, StdinOnce: false, AttachStdin: false, AttachStdout: false, AttachStderr: false };
  const exposed = exposedPortsJson(c);
  // An image without STOPSIGNAL leaves it out (omitempty); SIGTERM is the catalogue's "none".
  // Config.Volumes: the image's VOLUMEs merged with run's `-v /path` (a map of empty structs).
  const volumePaths = [...new Set([...(image?.volumes ?? []), ...c.mounts.filter((m) => m.anonymous).map((m) => m.target)])].sort();
  const stopSignal = c.stopSignal ?? (image && image.stopSignal !== "SIGTERM" ? image.stopSignal : undefined);
  return {
    Hostname: c.hostname, Domainname: "", User: c.user ?? image?.user ?? "",
    AttachStdin: io.AttachStdin, AttachStdout: io.AttachStdout, AttachStderr: io.AttachStderr,
    ...(exposed ? { ExposedPorts: exposed } : {}),
    Tty: io.Tty, OpenStdin: io.OpenStdin, StdinOnce: io.StdinOnce, Env: c.env,
    Cmd: c.configCmd !== undefined ? c.configCmd : c.command, Image: c.image,
    Volumes: volumePaths.length ? goMap(Object.fromEntries(volumePaths.map((p) => [p, {}]))) : null,
    // The catalogue's "/" is an image without WORKDIR, which Config shows as "".
    WorkingDir: c.workingDir ?? (image?.workingDir === "/" ? "" : image?.workingDir ?? ""), Entrypoint: c.configEntrypoint ?? null, OnBuild: null,
    Labels: goMap({ ...c.labels }),
    ...(stopSignal ? { StopSignal: stopSignal } : {}),
    ...(c.stopTimeoutS !== undefined ? { StopTimeout: c.stopTimeoutS } : {}),
  };
}
