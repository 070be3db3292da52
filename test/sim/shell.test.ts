import { describe, expect, it } from "vitest";
import { parseScript } from "../../src/sim/shell/parser";
import { Session } from "../../src/sim";

const session = () =>
  new Session({ seed: "t", cluster: { hosts: [{ name: "manager1", ip: "10.0.0.11" }, { name: "worker1", ip: "10.0.0.12" }] } });

describe("shell parser", () => {
  it("makes one line per command line, joining continuations and skipping comments", () => {
    const lines = parseScript("# setup\necho a \\\n  b   # trailing\n\necho c && echo d; echo e\n");
    expect(lines.map((l) => l.text)).toEqual(["echo a b", "echo c && echo d; echo e"]);
  });

  it("reads heredoc bodies after the line that opens them", () => {
    const [line, next] = parseScript("cat <<EOF | cat\nhello $X\nEOF\necho after\n");
    expect(line!.text).toBe("cat <<EOF | cat");
    expect(next!.text).toBe("echo after");
  });

  it("reports unsupported syntax as a line error, not a crash", () => {
    const [line] = parseScript("case $x in a) echo a;; esac");
    expect(line!.error).toMatch(/not supported/);
  });
});

describe("shell interpreter", () => {
  it("expands variables, command substitution and quotes", () => {
    const steps = session().run(`X="a b"\necho $X "$X" '$X' \${Y:-dflt}\nZ=$(echo hi)\necho "[$Z]"`, { allowSim: false });
    expect(steps.map((s) => s.stdout)).toEqual(["", "a b a b $X dflt\n", "", "[hi]\n"]);
  });

  it("writes heredocs to files and pipes", () => {
    const steps = session().run(`cat > f.yaml <<'EOF'\nkind: $NOPE\nEOF\ncat f.yaml | grep kind\nwc -l < f.yaml`, { allowSim: false });
    expect(steps.map((s) => s.stdout)).toEqual(["", "kind: $NOPE\n", "1\n"]);
  });

  it("runs && and || by exit status and reports the last one", () => {
    const [a, b] = session().run("false && echo no || echo yes\ntrue && false", { allowSim: false });
    expect(a).toMatchObject({ stdout: "yes\n", exitCode: 0 });
    expect(b!.exitCode).toBe(1);
  });

  it("unknown commands exit 127 with bash's message; sim is hidden from students", () => {
    const [a, b] = session().run("frobnicate x\nsim node down worker1", { allowSim: false });
    expect(a).toMatchObject({ exitCode: 127, stderr: "bash: frobnicate: command not found\n" });
    expect(b).toMatchObject({ exitCode: 127, stderr: "bash: sim: command not found\n" });
  });

  it("ssh switches hosts until exit, and runs one command remotely", () => {
    const steps = session().run("hostname\nssh worker1\nhostname\nexit\nhostname\nssh 10.0.0.12 hostname\nssh nowhere", { allowSim: false });
    expect(steps.map((s) => [s.host, s.stdout])).toEqual([
      ["manager1", "manager1\n"], ["manager1", ""], ["worker1", "worker1\n"], ["worker1", "logout\n"],
      ["manager1", "manager1\n"], ["manager1", "worker1\n"], ["manager1", ""],
    ]);
    expect(steps[6]).toMatchObject({ exitCode: 255, stderr: "ssh: Could not resolve hostname nowhere: Name or service not known\n" });
  });

  it("sleep and sim advance move the virtual clock", () => {
    const s = session();
    s.run("sleep 30\nsim advance 5m", { allowSim: true });
    expect(s.world.clock.iso()).toBe("2024-01-10T00:05:30Z");
  });

  it("sim node add/down changes the machines", () => {
    const s = session();
    const steps = s.run("sim node add worker2 --cpus 4 --memory 8Gi --label zone=b\nsim node down worker1\nssh worker1", { allowSim: true });
    expect(s.world.host("worker2")).toMatchObject({ ip: "10.0.0.13", cpus: 4, memory: 8 * 1024 ** 3, labels: { zone: "b" } });
    expect(steps[2]).toMatchObject({ exitCode: 255, stderr: "ssh: connect to host worker1 port 22: No route to host\n" });
  });

  it("is deterministic", () => {
    const script = "echo a | base64\nsleep 3\nX=$(echo -n hi | base64)\necho $X";
    expect(JSON.stringify(session().run(script, { allowSim: false }))).toBe(JSON.stringify(session().run(script, { allowSim: false })));
  });
});

describe("ssh with piped input", () => {
  it("passes the pipe to the remote command", () => {
    const steps = session().run("echo hello | ssh worker1 cat\necho hi | ssh worker1 'cat | wc -l'", { allowSim: false });
    expect(steps.map((s) => s.stdout)).toEqual(["hello\n", "1\n"]);
  });
});
