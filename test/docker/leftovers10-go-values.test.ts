// Go values as docker's --format templates see them: a nil slice or map (an omitempty field the
// daemon left out) prints `[]`/`map[]` but `{{json}}` writes `null`; os.FileMode prints ls-like
// (`-r--r--r--`) but is a number in JSON; time.Duration prints `2160h0m0s`, nanoseconds in JSON.
import { describe, expect, it } from "vitest";
import { GoFileMode, goJsonMarshal, goNil } from "../../src/sim/cli/format/index";
import { replay } from "../swarm/helpers";

describe("Go value printing", () => {
  it("os.FileMode.String() as Go writes it", () => {
    expect(String(new GoFileMode(0o444))).toBe("-r--r--r--");
    expect(String(new GoFileMode(0o755))).toBe("-rwxr-xr-x");
    expect(String(new GoFileMode(0))).toBe("----------");
    expect(String(new GoFileMode(2 ** 31 + 0o700))).toBe("drwx------"); // os.ModeDir
    expect(goJsonMarshal({ Mode: new GoFileMode(0o400) })).toBe('{"Mode":256}');
  });

  it("a nil slice is null to encoding/json, an empty one []", () => {
    expect(goJsonMarshal({ A: goNil([]), B: [] })).toBe('{"A":null,"B":[]}');
  });
});

describe("docker templates over swarm objects", () => {
  it("a service without ports: EndpointSpec.Ports and Endpoint.Ports are nil slices", () => {
    const { steps } = replay([
      "docker service create -d --name web nginx",
      "docker service inspect web --format '{{json .Spec.EndpointSpec.Ports}}|{{.Spec.EndpointSpec.Ports}}|{{json .Endpoint.Ports}}|{{len .Endpoint.Ports}}'",
      "docker service inspect web --format '{{json .Spec.TaskTemplate.ContainerSpec.Env}} {{json .Spec.TaskTemplate.ContainerSpec.Labels}} {{.Spec.TaskTemplate.ContainerSpec.Labels}}'",
      "docker service create -d --name pub -p 8080:80 nginx",
      "docker service inspect pub --format '{{json .Spec.EndpointSpec.Ports}}'",
    ].join("\n"));
    expect(steps[1]!.stdout).toBe("null|[]|null|0\n");
    expect(steps[2]!.stdout).toBe("null null map[]\n");
    expect(steps[4]!.stdout).toBe('[{"Protocol":"tcp","TargetPort":80,"PublishedPort":8080,"PublishMode":"ingress"}]\n');
  });

  it("a secret's and a config's File.Mode is an os.FileMode", () => {
    const { steps } = replay([
      "echo s | docker secret create s1 -",
      "echo c | docker config create c1 -",
      "docker service create -d --name w --secret s1 --config src=c1,target=/run.sh,mode=0755 nginx",
      `docker service inspect w --format '{{range .Spec.TaskTemplate.ContainerSpec.Secrets}}{{.File.Mode}} {{json .File.Mode}} {{printf "%o %d %v" .File.Mode .File.Mode .File.Mode}}{{end}}'`,
      "docker service inspect w --format '{{range .Spec.TaskTemplate.ContainerSpec.Configs}}{{.File.Mode}} {{json .File}}{{end}}'",
    ].join("\n"));
    expect(steps[3]!.stdout).toBe("-r--r--r-- 292 444 292 -r--r--r--\n");
    expect(steps[4]!.stdout).toBe('-rwxr-xr-x {"Name":"/run.sh","UID":"0","GID":"0","Mode":493}\n');
  });

  it("docker info: the cluster spec's durations are time.Durations", () => {
    const { steps } = replay(
      "docker info --format '{{.Swarm.Cluster.Spec.CAConfig.NodeCertExpiry}} {{.Swarm.Cluster.Spec.Dispatcher.HeartbeatPeriod}} {{json .Swarm.Cluster.Spec.CAConfig}}'",
    );
    expect(steps[0]!.stdout).toBe('2160h0m0s 5s {"NodeCertExpiry":7776000000000000}\n');
  });
});
