// Package managers as the image's release has them: apk fetches its own branch's indexes and runs
// that release's busybox trigger; `apt` (unlike apt-get) warns that its CLI is unstable when not
// on a terminal, and `apt update` reports what could be upgraded.

import { describe, expect, it } from "vitest";
import { docker } from "./replay-helpers";

const last = (cmd: string) => docker("", cmd).at(-1)!;

describe("apk", () => {
  it("uses the image's Alpine branch", () => {
    const s = last("docker run --rm alpine:3.19 apk add --no-cache bash");
    expect(s.stdout.split("\n").slice(0, 2)).toEqual([
      "fetch https://dl-cdn.alpinelinux.org/alpine/v3.19/main/x86_64/APKINDEX.tar.gz",
      "fetch https://dl-cdn.alpinelinux.org/alpine/v3.19/community/x86_64/APKINDEX.tar.gz"]);
    expect(s.stdout).toContain("Executing busybox-1.36.1-r15.trigger\n");
    expect(last("docker run --rm alpine:3.21 apk update").stdout).toContain("v3.21.3-0-g1ad1b5bc5b [https://dl-cdn.alpinelinux.org/alpine/v3.21/main]\n");
  });
});

describe("apt", () => {
  const WARNING = "\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n";
  it("warns on stderr; apt-get does not", () => {
    const s = last("docker run --rm debian:bookworm-slim apt install -y procps");
    expect(s).toMatchObject({ exitCode: 100, stdout: "Reading package lists...\nBuilding dependency tree...\nReading state information...\n" });
    expect(s.stderr.endsWith(`${WARNING}E: Unable to locate package procps\n`)).toBe(true);
    expect(last("docker run --rm debian:bookworm-slim apt-get install -y procps").stderr).not.toContain("WARNING");
  });
  it("apt update ends with the upgrade summary", () => {
    const s = last("docker run --rm ubuntu apt update");
    expect(s.stdout.endsWith("Reading package lists...\nBuilding dependency tree...\nReading state information...\nAll packages are up to date.\n")).toBe(true);
  });
});
