// node's docker-entrypoint.sh runs `node "$@"` when the first argument is a flag, no command, or
// a file without x bits — so `docker run node server.js` is node's MODULE_NOT_FOUND, not runc's
// "executable file not found" — and the REPL greets on a terminal only.

import { describe, expect, it } from "vitest";
import { docker } from "./replay-helpers";

const last = (cmd: string) => docker("", cmd).at(-1)!;

describe("node's entrypoint", () => {
  it("a script name that is no command goes to node", () => {
    const s = last("docker run node:20 server.js");
    expect(s.exitCode).toBe(1);
    expect(s.stderr).toContain("Error: Cannot find module '/server.js'\n");
    expect(s.stderr).not.toContain("executable file not found");
    expect(last("docker run -w /usr/src/app node:20 index.js").stderr).toContain("Error: Cannot find module '/usr/src/app/index.js'\n");
  });

  it("commands and shell builtins still run as themselves", () => {
    expect(last("docker run --rm node:20 echo hi")).toMatchObject({ exitCode: 0, stdout: "hi\n" });
    expect(last("docker run --rm node:20 bash -c 'echo x'")).toMatchObject({ exitCode: 0, stdout: "x\n" });
    expect(last("docker run --rm node:20 --version")).toMatchObject({ exitCode: 0, stdout: "v20.18.1\n" });
  });
});

describe("node's REPL", () => {
  it("greets on a terminal, reads EOF silently without one", () => {
    expect(last("docker run -it node:20").stdout).toBe("Welcome to Node.js v20.18.1.\r\nType \".help\" for more information.\r\n");
    expect(last("docker run node:20")).toMatchObject({ exitCode: 0, stdout: "" });
    expect(last("docker run -it node:20 --version").stdout).toBe("v20.18.1\r\n");
  });
});

describe("npm start without package.json", () => {
  it("npm 10 (node 20) says npm error and where its debug log is", () => {
    const s = last("docker run node:20 npm start");
    expect(s.exitCode).toBe(254);
    expect(s.stderr.split("\n").slice(-4)).toEqual(["npm error enoent This is related to npm not being able to find a file.", "npm error enoent",
      "npm error A complete log of this run can be found in: /root/.npm/_logs/2024-01-10T00_00_00_000Z-debug-0.log", ""]);
  });
  it("npm 8 (node 16) says npm ERR!", () => {
    expect(last("docker run node:16 npm start").stderr).toContain("npm ERR! enoent ENOENT: no such file or directory, open '/package.json'\n");
  });
});
