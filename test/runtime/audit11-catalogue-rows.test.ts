// Catalogue rows replayed as students use them (images.md §4/§5): what the image's Dockerfile
// makes of a docker run, and what the program then prints.

import { describe, expect, it } from "vitest";
import { docker } from "./replay-helpers";

describe("registry.k8s.io/pause", () => {
  const steps = docker("", [
    "docker run registry.k8s.io/pause:3.9 -v",
    "docker run -d --name p registry.k8s.io/pause:3.9",
    "docker inspect -f '{{.Config.User}} {{json .Config.Entrypoint}} {{json .Config.Cmd}}' p",
    "docker stop p",
    "docker logs p",
  ].join("\n"));

  it("is ENTRYPOINT /pause as uid 65535, so arguments reach pause.c (-v prints its version)", () => {
    expect(steps[0]).toMatchObject({ exitCode: 0, stdout: "pause.c v3.9\n" });
    expect(steps[2]!.stdout).toBe('65535:65535 ["/pause"] null\n');
  });

  it("stops on SIGTERM at once, saying so", () => {
    expect(steps[4]!.stderr).toBe("Shutting down, got signal: Terminated\n");
  });
});
