// docker run --user / --group-add / --read-only / -v …:ro reach the container's processes: the
// identity runc resolves against the image's /etc/passwd and /etc/group (buildkit's integration
// test pins busybox's answers), files owned by their writer, and EROFS / EACCES as busybox prints them.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function run(script: string) {
  const s = new Session({ seed: "run-user", cluster: { hosts: [{ name: "host1", ip: "10.0.0.10" }] } });
  // The first run of each image pulls it: its progress lines are not what these tests are about.
  const pull = /^(Unable to find image .*|.*: Pulling from .*|[0-9a-f]{12}: Pull complete|Digest: .*|Status: .*)\n/gm;
  return s.run(script, { allowSim: false }).map((st) => ({ ...st, stderr: st.stderr.replace(pull, "") }));
}

describe("docker run --user", () => {
  it("resolves like runc: uid:gid, a bare uid (gid 0), a name, root's memberships", () => {
    const steps = run(["docker run --rm --user 1000:1000 busybox id", "docker run --rm --user 1234 busybox id", "docker run --rm --user daemon busybox id",
      "docker run --rm busybox id", "docker run --rm alpine id", "docker run --rm --user 1000:3000 --group-add 2000 busybox id",
      "docker run --rm --user 1000:3000 --group-add 2000 debian:12 id"].join("\n"));
    expect(steps.map((s) => s.stdout)).toEqual([
      "uid=1000 gid=1000 groups=1000\n",
      "uid=1234 gid=0(root) groups=0(root)\n",
      "uid=1(daemon) gid=1(daemon) groups=1(daemon)\n",
      "uid=0(root) gid=0(root) groups=0(root),10(wheel)\n",
      "uid=0(root) gid=0(root) groups=0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)\n",
      "uid=1000 gid=3000 groups=2000,3000\n",
      "uid=1000 gid=3000 groups=3000,2000\n",
    ]);
  });

  it("whoami without a passwd entry fails in each flavour; an unknown user name is the daemon's error", () => {
    const steps = run("docker run --rm --user 1000 busybox whoami\ndocker run --rm --user 1000 debian:12 whoami\ndocker run --rm --user nosuch busybox id");
    expect([steps[0]!.exitCode, steps[0]!.stderr]).toEqual([1, "whoami: unknown uid 1000\n"]);
    expect([steps[1]!.exitCode, steps[1]!.stderr]).toEqual([1, "whoami: cannot find name for user ID 1000\n"]);
    expect(steps[2]!.exitCode).toBe(125);
    expect(steps[2]!.stderr).toContain("docker: Error response from daemon: unable to find user nosuch: no matching entries in passwd file\n");
  });

  it("a non-root user may write to /tmp (its files are its own) but not to root's directories or a root-owned volume", () => {
    const steps = run("docker run --rm --user 1000:1000 busybox sh -c 'touch /tmp/f && ls -l /tmp/f'\n"
      + "docker run --rm --user 1000 busybox touch /etc/x\ndocker run --rm --user 1000 -v data:/data busybox touch /data/x");
    expect(steps[0]!.stdout).toMatch(/^-rw-r--r--    1 1000     1000             0 /);
    expect(steps[1]!.stderr).toBe("touch: /etc/x: Permission denied\n");
    expect(steps[2]!.stderr).toBe("touch: /data/x: Permission denied\n");
  });
});

describe("read-only filesystems", () => {
  it("--read-only refuses writes outside the mounts; a writable volume still takes them", () => {
    const steps = run("docker run --rm --read-only busybox touch /x\ndocker run --rm --read-only busybox sh -c 'echo hi > /tmp/x'\n"
      + "docker run --rm --read-only -v data:/data busybox sh -c 'echo hi > /data/x && cat /data/x'\n"
      + "docker run -d --name ro --read-only busybox sleep 100\ndocker inspect -f '{{.HostConfig.ReadonlyRootfs}}' ro");
    expect([steps[0]!.exitCode, steps[0]!.stderr]).toEqual([1, "touch: /x: Read-only file system\n"]);
    expect(steps[1]!.stderr).toBe("sh: can't create /tmp/x: Read-only file system\n");
    expect(steps[2]!.stdout).toBe("hi\n");
    expect(steps[4]!.stdout).toBe("true\n");
  });

  it("a :ro volume refuses writes, and its mount point exists", () => {
    const steps = run("docker run --rm -v data:/p:ro busybox sh -c 'echo hi > /p/x'\ndocker run --rm -v data:/p:ro busybox touch /p/x\n"
      + "docker run --rm -v data:/p:ro busybox ls -d /p");
    expect(steps[0]!.stderr).toBe("sh: can't create /p/x: Read-only file system\n");
    expect(steps[1]!.stderr).toBe("touch: /p/x: Read-only file system\n");
    expect(steps[2]!.stdout).toBe("/p\n");
  });
});

describe("compose and the images' own accounts", () => {
  it("user:, read_only: and a service account an official image adds (postgres 999, alpine's 70)", () => {
    const compose = "services:\n  app:\n    image: busybox\n    command: sleep 1000\n    user: \"1000:1000\"\n    read_only: true\n";
    const steps = run(`mkdir p && cd p && cat > compose.yaml <<'EOF'\n${compose}EOF\ndocker compose up -d\ndocker compose exec app id\n`
      + "docker compose exec app touch /x\ndocker run --rm --user postgres postgres:16 id\ndocker run --rm --user postgres postgres:16-alpine id");
    expect(steps[2]!.stdout).toBe("uid=1000 gid=1000 groups=1000\n");
    expect(steps[3]!.stderr).toBe("touch: /x: Read-only file system\n");
    expect(steps[4]!.stdout).toBe("uid=999(postgres) gid=999(postgres) groups=999(postgres)\n");
    expect(steps[5]!.stdout).toBe("uid=70(postgres) gid=70(postgres) groups=70(postgres)\n");
  });
});

describe("docker exec -u and docker top", () => {
  it("exec runs as the given user (its writes checked as that user's); an unknown one is the daemon's error; top shows the uid", () => {
    const steps = run("docker run -d --name a --user 1000 busybox sleep 1000\ndocker exec a id\ndocker exec -u 0 a id\n"
      + "docker exec -u 0 a touch /etc/x\ndocker exec a touch /etc/y\ndocker exec -u nosuch a id\ndocker top a");
    expect(steps[1]!.stdout).toBe("uid=1000 gid=0(root) groups=0(root)\n");
    expect(steps[2]!.stdout).toBe("uid=0(root) gid=0(root) groups=0(root),10(wheel)\n");
    expect(steps[3]!.exitCode).toBe(0);
    expect(steps[4]!.stderr).toBe("touch: /etc/y: Permission denied\n");
    expect([steps[5]!.exitCode, steps[5]!.stderr]).toEqual([126, "Error response from daemon: unable to find user nosuch: no matching entries in passwd file\n"]);
    expect(steps[6]!.stdout.split("\n")[1]).toMatch(/^1000 {16}\d+/);
  });
});

describe("--mount and --tmpfs", () => {
  it("a readonly --mount refuses writes, a named one is created; --tmpfs is a writable 1777 directory under --read-only", () => {
    const steps = run("docker run --rm --read-only --tmpfs /tmp busybox sh -c 'echo hi > /tmp/x && cat /tmp/x && ls -ld /tmp'\n"
      + "docker run --rm --mount type=volume,source=v1,target=/data,readonly busybox touch /data/x\ndocker volume ls -q\n"
      + "docker run -d --name m --mount type=bind,source=/srv,target=/srv,ro busybox sleep 100\n"
      + "docker inspect -f '{{range .Mounts}}{{.Type}} {{.Source}} {{.Destination}} {{.RW}}{{end}}' m\ndocker run --mount type=bind busybox");
    expect(steps[0]!.stdout).toMatch(/^hi\ndrwxrwxrwt    2 root     root          4096 /);
    expect(steps[1]!.stderr).toBe("touch: /data/x: Read-only file system\n");
    expect(steps[2]!.stdout).toBe("v1\n");
    expect(steps[4]!.stdout).toBe("bind /srv /srv false\n");
    expect([steps[5]!.exitCode, steps[5]!.stderr.split("\n")[0]]).toEqual([125, "invalid argument \"type=bind\" for \"--mount\" flag: target is required"]);
  });
});
