// Each program's log timestamps in its own layout (runtime/template.ts): Go's RFC3339Nano drops
// trailing zeros (registry, grafana), dockerd pads to nine digits, mongod's JSON "$date" carries
// "+00:00", RabbitMQ's console log microseconds and the offset.

import { describe, expect, it } from "vitest";
import { formatTime } from "../../src/sim/runtime/template";
import { docker } from "./replay-helpers";

const T = Date.UTC(2024, 0, 10, 0, 0, 2);

describe("log time layouts", () => {
  it("formats one instant per program", () => {
    expect(formatTime("gonano", T)).toBe("2024-01-10T00:00:02Z");
    expect(formatTime("gonano", T + 500)).toBe("2024-01-10T00:00:02.5Z");
    expect(formatTime("gonano", T + 123)).toBe("2024-01-10T00:00:02.123Z");
    expect(formatTime("nanofixed", T)).toBe("2024-01-10T00:00:02.000000000Z");
    expect(formatTime("mongojson", T)).toBe("2024-01-10T00:00:02.000+00:00");
    expect(formatTime("rabbit", T)).toBe("2024-01-10 00:00:02.000000+00:00");
    expect(formatTime("mssql", T + 520)).toBe("2024-01-10 00:00:02.52");
  });

  it("docker logs of registry, mongo and rabbitmq", () => {
    const steps = docker("", "docker run -d --name rg registry:2\ndocker run -d --name mo mongo:7\ndocker run -d --name rb rabbitmq:3\nsleep 12\n" +
      "docker logs rg\ndocker logs mo\ndocker logs rb");
    const rg = steps[4]!.stderr.split("\n");
    expect(rg).toHaveLength(6);
    expect(rg[0]).toMatch(/^time="2024-01-10T00:00:00Z" level=warning msg="No HTTP secret provided - generated random secret\. /);
    expect(rg[4]).toBe('time="2024-01-10T00:00:00Z" level=info msg="listening on [::]:5000" go.version=go1.20.8 instance.id=1 service=registry version=2.8.3');
    expect(steps[5]!.stdout).toMatch(/^\{"t":\{"\$date":"2024-01-10T00:00:0\d\.000\+00:00"\},"s":"I", {2}"c":"NETWORK"/);
    expect(steps[6]!.stdout).toMatch(/^2024-01-10 00:00:00\.000000\+00:00 \[info\] <0\.230\.0> Starting RabbitMQ 3\.13\.7 on Erlang/);
  });
});
