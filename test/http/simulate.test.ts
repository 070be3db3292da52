// POST /v1/simulate: a sandbox replay, as `clustergrade replay` does.
import { describe, expect, it } from "vitest";
import { json, worker } from "./helpers";

interface SimResponse {
  transcript: { steps: { host: string; command: string; exitCode: number; stdout: string; stderr: string }[]; clock: string };
  state: { clock: string; hosts: { name: string; ip: string; up: boolean }[] };
}

const simulate = async (body: unknown) => {
  const res = await worker("/v1/simulate", json(body));
  expect(res.status).toBe(200);
  return (await res.json()) as SimResponse;
};

describe("POST /v1/simulate", () => {
  it("replays commands on the default machines", async () => {
    const r = await simulate({ commands: "echo hi\nssh worker1\necho there\nexit\nsleep 90" });
    expect(r.transcript.steps.map((s) => [s.host, s.command, s.stdout])).toEqual([
      ["manager1", "echo hi", "hi\n"],
      ["manager1", "ssh worker1", ""],
      ["worker1", "echo there", "there\n"],
      ["worker1", "exit", "logout\n"],
      ["manager1", "sleep 90", ""],
    ]);
    expect(r.transcript.clock).toBe("2024-01-10T00:01:30Z");
    expect(r.state.hosts.map((h) => h.name)).toEqual(["manager1", "worker1", "worker2"]);
  });

  it("uses the given files, cluster and start time", async () => {
    const r = await simulate({
      commands: "cat app/.env\nsim node down n2",
      files: { "app/.env": "A=1\n" },
      cluster: { hosts: [{ name: "n1" }, { name: "n2", ip: "192.168.1.2" }] },
      startTime: "2025-06-01T12:00:00Z",
    });
    expect(r.transcript.steps[0]).toMatchObject({ host: "n1", stdout: "A=1\n", exitCode: 0 });
    expect(r.state.hosts).toMatchObject([{ name: "n1", up: true }, { name: "n2", ip: "192.168.1.2", up: false }]);
    expect(r.state.clock).toBe("2025-06-01T12:00:00Z");
  });

  it("reports an unknown command in the transcript, not as an HTTP error", async () => {
    const r = await simulate({ commands: "helm install x" });
    expect(r.transcript.steps[0]).toMatchObject({ exitCode: 127, stderr: "bash: helm: command not found\n" });
  });
});
