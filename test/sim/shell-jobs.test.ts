// Background jobs in the host shell, against bash 5.2 run interactively (`script -qc "bash --norc -i"`,
// 2026-11-26): the expected texts below are what it printed for the same lines, PIDs aside.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

// Each step as stdout then stderr (the job lines and notices are stderr, as in bash).
const replay = (script: string) => {
  const s = new Session({ seed: "t", cluster: { hosts: [{ name: "host1", ip: "10.0.0.5" }] } });
  const steps = s.run(script, { allowSim: false });
  return { steps, world: s.world, out: steps.map((x) => `$ ${x.command}\n${x.stdout}${x.stderr}[${x.exitCode}]\n`).join("") };
};

describe("background jobs (cmd &)", () => {
  it("prints the job number and PID, and the notice before the prompt after the job ended", () => {
    const { out } = replay("sleep 30 &\nsleep 31 &\nkill %1\nsleep 0.1\njobs -l\nkill %+\nsleep 0.1\nfalse &\nsleep 0.1");
    expect(out).toBe([
      "$ sleep 30 &\n[1] 4243\n[0]\n",
      "$ sleep 31 &\n[2] 4244\n[0]\n",
      "$ kill %1\n[0]\n",
      // A killed job is reported after the next command, as bash draws the prompt before reaping it.
      "$ sleep 0.1\n[1]-  Terminated              sleep 30\n[0]\n",
      "$ jobs -l\n[2]+ 4244 Running                 sleep 31 &\n[0]\n",
      "$ kill %+\n[0]\n",
      "$ sleep 0.1\n[2]+  Terminated              sleep 31\n[0]\n",
      // Numbers start again at 1 once the table is empty.
      "$ false &\n[1] 4245\n[0]\n",
      "$ sleep 0.1\n[1]+  Exit 1                  false\n[0]\n",
    ].join(""));
  });

  it("lets the clock run: a job ends when the time its program runs for has passed", () => {
    const { out, world } = replay("sleep 0.2 &\necho hi &\nsleep 0.5\njobs\nsleep 3 &\njobs");
    expect(out).toBe([
      "$ sleep 0.2 &\n[1] 4243\n[0]\n",
      "$ echo hi &\nhi\n[2] 4244\n[0]\n",
      "$ sleep 0.5\n[1]-  Done                    sleep 0.2\n[2]+  Done                    echo hi\n[0]\n",
      "$ jobs\n[0]\n",
      "$ sleep 3 &\n[1] 4245\n[0]\n",
      "$ jobs\n[1]+  Running                 sleep 3 &\n[0]\n",
    ].join(""));
    expect(world.now - Date.parse("2024-01-10T00:00:00Z")).toBe(500);
  });

  it("runs the rest of a list once the command before it has finished", () => {
    const { out } = replay("sleep 2 && echo later &\necho now\nsleep 5");
    expect(out).toBe("$ sleep 2 && echo later &\n[1] 4243\n[0]\n$ echo now\nnow\n[0]\n$ sleep 5\nlater\n[1]+  Done                    sleep 2 && echo later\n[0]\n");
  });

  it("wait lets time pass until the jobs end and reports them; $! is the last job's PID", () => {
    const { out, world } = replay('echo "[$!]"\nsleep 5 &\necho $!\nwait $!\necho "rc=$?"\nwait %9\necho "rc=$?"\nwait 12345\nsleep 30 &\nkill -KILL $!\nwait $!\necho "rc=$?"');
    expect(out).toBe([
      "$ echo \"[$!]\"\n[]\n[0]\n",
      "$ sleep 5 &\n[1] 4243\n[0]\n",
      "$ echo $!\n4243\n[0]\n",
      "$ wait $!\n[1]+  Done                    sleep 5\n[0]\n",
      "$ echo \"rc=$?\"\nrc=0\n[0]\n",
      "$ wait %9\nbash: wait: %9: no such job\n[127]\n",
      "$ echo \"rc=$?\"\nrc=127\n[0]\n",
      "$ wait 12345\nbash: wait: pid 12345 is not a child of this shell\n[127]\n",
      "$ sleep 30 &\n[1] 4244\n[0]\n",
      "$ kill -KILL $!\n[0]\n",
      "$ wait $!\n[1]+  Killed                  sleep 30\n[137]\n",
      "$ echo \"rc=$?\"\nrc=137\n[0]\n",
    ].join(""));
    expect(world.now - Date.parse("2024-01-10T00:00:00Z")).toBe(5000);
  });

  it("kill refuses what is not a job of this shell with bash's messages", () => {
    const { out } = replay("kill\nkill abc\nkill 99999\nkill %1\nsleep 30 &\nkill -FOO %1\njobs -p\nkill %sle\nsleep 0.1");
    expect(out).toBe([
      "$ kill\nkill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n[2]\n",
      "$ kill abc\nbash: kill: abc: arguments must be process or job IDs\n[1]\n",
      "$ kill 99999\nbash: kill: (99999) - No such process\n[1]\n",
      "$ kill %1\nbash: kill: %1: no such job\n[1]\n",
      "$ sleep 30 &\n[1] 4243\n[0]\n",
      "$ kill -FOO %1\nbash: kill: FOO: invalid signal specification\n[1]\n",
      "$ jobs -p\n4243\n[0]\n",
      "$ kill %sle\n[0]\n",
      "$ sleep 0.1\n[1]+  Terminated              sleep 30\n[0]\n",
    ].join(""));
  });

  it("parses & apart from && and &>, in loops too", () => {
    const { out } = replay("for i in 1 2; do sleep $i & done\njobs\necho a &>/dev/null & echo b\nsleep 3");
    expect(out).toBe([
      "$ for i in 1 2; do sleep $i & done\n[1] 4243\n[2] 4244\n[0]\n",
      "$ jobs\n[1]-  Running                 sleep $i &\n[2]+  Running                 sleep $i &\n[0]\n",
      "$ echo a &>/dev/null & echo b\nb\n[3] 4245\n[0]\n",
      "$ sleep 3\n[1]   Done                    sleep $i\n[2]-  Done                    sleep $i\n[3]+  Done                    echo a &> /dev/null\n[0]\n",
    ].join(""));
  });
});
