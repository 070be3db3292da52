// Every handler the simulators register belongs to a command of the real client's captured spec
// (a handler for a path the spec lacks would never run).
import { describe, expect, it } from "vitest";
import { dockerCli } from "../../src/sim/docker";
import { HANDLERS } from "../../src/sim/k8s/kubectl";
import { kubectlSpec } from "../../src/sim/cli/specs";

describe("CLI wiring", () => {
  it("docker handlers all exist in the docker spec", () => {
    expect(dockerCli().orphans()).toEqual([]);
  });

  it("kubectl handlers all exist in the kubectl spec", () => {
    expect(Object.keys(HANDLERS).filter((p) => !kubectlSpec.commands[p])).toEqual([]);
  });
});
