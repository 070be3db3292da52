// A TTY container's log: complete lines end in CR LF (the terminal's ONLCR), a last line without a
// newline — an interactive shell's prompt, flushed by the log copier when PID 1 exits — has no CR.
import { expect, it } from "vitest";
import { Session } from "../../src/sim";

it("docker logs of a stopped `docker run -dit busybox` is its prompt, without a CR", () => {
  const s = new Session({ seed: "tty-log", cluster: { hosts: [{ name: "h1", ip: "10.0.0.5" }] } });
  const steps = s.run("docker run -dit --name b busybox:1.36\ndocker logs b\ndocker stop b\ndocker logs b\ndocker run -t --name e busybox:1.36 echo hi\ndocker logs e", { allowSim: false });
  expect(steps[1]!.stdout).toBe(""); // the copier waits for the line's end while the shell runs
  expect(steps[3]!.stdout).toBe("/ # ");
  expect(steps[5]!.stdout).toBe("hi\r\n");
});
