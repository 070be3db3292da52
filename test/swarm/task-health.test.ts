// Services with a healthcheck, as moby's swarm executor runs them (controller.go Start/Wait): the
// task stays "starting" until the first healthy status; unhealthy stops the container (stop
// signal, stop grace period, SIGKILL) and fails the task with "task: non-zero exit (137):
// dockerexec: unhealthy container" (Message "starting" or "started"), and the restart policy
// replaces it; a container that exits 0 on the stop signal completes instead.
import { describe, expect, it } from "vitest";
import { replay } from "./helpers";

const status = "docker inspect -f '{{.Status.State}}|{{.Status.Message}}|{{.Status.Err}}|{{.Status.ContainerStatus.ExitCode}}'";

describe("service healthchecks", () => {
  it("a task is starting until healthy, then running; the service counts it only then", () => {
    const { out } = replay([
      "docker service create -d --name ok --health-cmd true --health-interval 5s redis",
      "docker service ps ok --format '{{.CurrentState}}'",
      "docker service ls --format '{{.Replicas}}'",
      "sleep 6",
      "docker service ps ok --format '{{.CurrentState}}'",
      "docker service ls --format '{{.Replicas}}'",
    ].join("\n"));
    expect(out(1)).toBe("Starting less than a second ago\n");
    expect(out(2)).toBe("0/1\n");
    expect(out(4)).toBe("Running 1 second ago\n");
    expect(out(5)).toBe("1/1\n");
  });

  it("unhealthy while starting: stopped after the grace period, failed with the executor's error, replaced", () => {
    const { out } = replay([
      "docker service create -d --name web --health-cmd 'exit 1' --health-interval 5s --health-retries 2 --stop-grace-period 3s busybox sleep 1000",
      "sleep 11",
      "docker service ps web --format '{{.CurrentState}}'",
      "sleep 3",
      "docker service ps web --no-trunc --format '{{.DesiredState}} {{.CurrentState}} {{.Error}}'",
      `${status} $(docker service ps -q --filter desired-state=shutdown web)`,
    ].join("\n"));
    // Probes at 5 s and 10 s: unhealthy at 10 s, SIGKILL at 13 s.
    expect(out(2)).toBe("Starting 11 seconds ago\n");
    expect(out(4)).toBe("Ready Ready 1 second ago \nShutdown Failed 1 second ago \"task: non-zero exit (137): dockerexec: unhealthy container\"\n");
    expect(out(5)).toBe("failed|starting|task: non-zero exit (137): dockerexec: unhealthy container|137\n");
  });

  it("unhealthy after it was running: Message started", () => {
    const { out } = replay([
      "docker service create -d --name web --health-cmd 'test -f /tmp/ok' --health-interval 5s --health-retries 1 --stop-grace-period 2s busybox sh -c 'touch /tmp/ok; sleep 7; rm /tmp/ok; sleep 1000'",
      "sleep 6",
      "docker service ps web --format '{{.CurrentState}}'",
      "sleep 6",
      "docker service ps web --no-trunc --format '{{.DesiredState}} {{.CurrentState}} {{.Error}}'",
      `${status} $(docker service ps -q --filter desired-state=shutdown web)`,
    ].join("\n"));
    expect(out(2)).toBe("Running 1 second ago\n");
    // Unhealthy at the 10 s probe; sh ignores SIGTERM, so SIGKILL at 12 s.
    expect(out(4)).toBe("Ready Ready less than a second ago \nShutdown Failed less than a second ago \"task: non-zero exit (137): dockerexec: unhealthy container\"\n");
    expect(out(5)).toBe("failed|started|task: non-zero exit (137): dockerexec: unhealthy container|137\n");
  });

  it("a container that exits 0 on its stop signal completes (redis on SIGTERM)", () => {
    const { out } = replay([
      "docker service create -d --name r --health-cmd 'exit 1' --health-interval 5s --health-retries 1 redis",
      "sleep 6",
      "docker service ps r --format '{{.DesiredState}} {{.CurrentState}} {{.Error}}'",
    ].join("\n"));
    expect(out(2)).toBe("Ready Ready less than a second ago \nShutdown Complete less than a second ago \n");
  });

  it("--no-healthcheck and no healthcheck run at once", () => {
    const { out } = replay("docker service create -d --name n --no-healthcheck redis\ndocker service ps n --format '{{.CurrentState}}'");
    expect(out(1)).toBe("Running less than a second ago\n");
  });
});
