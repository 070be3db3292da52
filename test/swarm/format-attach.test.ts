// --format runs on the typed Go structs (docker/cli's TemplateInspector); attachable overlays
// joined by standalone containers on workers.
import { describe, expect, it } from "vitest";
import { replay, rows } from "./helpers";

const q = (f: string) => `'${f}'`;

describe("--format on typed structs", () => {
  it.each([
    ["{{len .Spec.TaskTemplate.Placement.Constraints}}", "0"],
    ["{{.Spec.TaskTemplate.Placement.Constraints}}", "[]"],
    ["{{.Spec.Labels.foo}}", "<no value>"],
    ["{{.Spec.Labels}}", "map[]"],
    ["{{range $k, $v := .Spec.Labels}}{{$k}}{{end}}|", "|"],
    ["{{.Spec.TaskTemplate.ContainerSpec.Env}} {{.Spec.TaskTemplate.ContainerSpec.Args}}", "[] []"],
    ["{{.Endpoint.Ports}} {{.Endpoint.VirtualIPs}} {{.UpdateStatus}} {{.PreviousSpec}}", "[] [] <nil> <nil>"],
    ["{{.Spec.Mode.Replicated.Replicas}} {{.Spec.TaskTemplate.Placement.MaxReplicas}}", "1 0"],
  ])("service inspect --format %s", (f, want) => {
    const { out, steps } = replay(`docker service create -d --name web nginx\ndocker service inspect web --format ${q(f)}`);
    expect(steps[1]!.stderr).toBe("");
    expect(out(1)).toBe(want + "\n");
  });

  it("a field that exists nowhere fails as the raw map does; others still print", () => {
    const { steps } = replay("docker service create -d --name web nginx\ndocker service inspect web --format '{{.Nope}}'");
    expect(steps[1]!.exitCode).toBe(1);
    expect(steps[1]!.stderr).toBe('template parsing error: template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"\n');
  });

  it("node inspect: a worker's ManagerStatus is nil, labels a map", () => {
    const { out } = replay([
      "docker node inspect worker1 --format '{{.ManagerStatus}} {{.Spec.Labels.zone}} {{.Spec.Role}}'",
      "docker node update --label-add zone=a worker1",
      "docker node inspect worker1 --format '{{.Spec.Labels.zone}} {{len .Spec.Labels}}'",
      "docker node inspect self --format '{{.ManagerStatus.Leader}} {{.ManagerStatus.Reachability}}'",
    ].join("\n"));
    expect(out(0)).toBe("<nil> <no value> worker\n");
    expect(out(2)).toBe("a 1\n");
    expect(out(3)).toBe("true reachable\n");
  });

  it("list --format errors name docker's context types; table and json work", () => {
    const { steps, out } = replay([
      "docker node ls --format '{{.Nope}}'",
      "docker service create -d --name web nginx",
      "docker service ls --format '{{.Nope}}'",
      "docker service ls --format json",
      "docker node ls --format 'table {{.Hostname}}\\t{{.ManagerStatus}}'",
    ].join("\n"));
    expect(steps[0]!.stderr).toBe('template parsing error: template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *node.nodeContext\n');
    expect(steps[2]!.stderr).toBe('template parsing error: template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *service.serviceContext\n');
    expect(out(3)).toBe('{"ID":"' + out(3).slice(7, 19) + '","Image":"nginx:latest","Mode":"replicated","Name":"web","Ports":"","Replicas":"1/1"}\n');
    expect(rows(out(4))).toEqual([["HOSTNAME", "MANAGER STATUS"], ["manager1", "Leader"], ["worker1"], ["worker2"]]);
  });

  it("docker info --format on the info struct", () => {
    const { out, steps } = replay("docker info --format '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}} {{.Swarm.Nodes}} {{.Swarm.Managers}}'\ndocker info --format '{{.Nope}}'");
    expect(out(0)).toBe("active true 3 1\n");
    expect(steps[1]!.exitCode).toBe(1);
    expect(steps[1]!.stderr).toBe('template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type system.Info\n');
  });
});

describe("attachable overlays and standalone containers", () => {
  const setup = ["docker network create -d overlay --attachable appnet", "docker network create -d overlay private", "ssh worker1"];
  it("a worker instantiates the overlay while a container uses it", () => {
    const { out, steps } = replay([...setup,
      "docker network ls --format '{{.Name}}'",
      "docker run -d --name debug --network appnet alpine sleep 3600",
      "docker network ls --format '{{.Name}} {{.Driver}} {{.Scope}}'",
      "docker network inspect appnet --format '{{range $k, $v := .Containers}}{{$v.Name}} {{$v.IPv4Address}}{{end}}'",
      "docker inspect debug --format '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{$v.IPAddress}}{{end}}'",
      "docker rm -f debug",
      "docker network ls --format '{{.Name}}'",
    ].join("\n"));
    expect(out(3)).not.toContain("appnet");
    expect(steps[4]!.exitCode).toBe(0);
    expect(out(5)).toContain("appnet overlay swarm\n");
    expect(out(6)).toMatch(/^debug 10\.0\.\d+\.\d+\/24\n$/);
    expect(out(7)).toMatch(/^appnet 10\.0\.\d+\.\d+\n$/);
    expect(out(9)).not.toContain("appnet");
  });

  it("refuses a non-attachable overlay and an unknown network as the daemon does", () => {
    const { steps } = replay([...setup,
      "docker run -d --name d2 --network private alpine sleep 3600",
      "docker run -d --name d3 --network nope alpine sleep 3600",
    ].join("\n"));
    expect(steps[3]!.exitCode).toBe(125);
    expect(steps[3]!.stderr).toContain("docker: Error response from daemon: Could not attach to network private: rpc error: code = PermissionDenied desc = network private not manually attachable\n\nRun 'docker run --help' for more information\n");
    expect(steps[4]!.exitCode).toBe(125);
    expect(steps[4]!.stderr).toBe("docker: Error response from daemon: network nope not found\n\nRun 'docker run --help' for more information\n");
  });

  it("overlays reach a worker's network ls only with a task there", () => {
    const { out } = replay([
      "docker network create -d overlay backend",
      "docker service create -d --name api --network backend --constraint node.hostname==worker2 nginx",
      "ssh worker1 docker network ls --format {{.Name}}",
      "ssh worker2 docker network ls --format {{.Name}}",
    ].join("\n"));
    expect(out(2)).not.toContain("backend");
    expect(out(3)).toContain("backend");
  });
});
