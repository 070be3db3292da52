// Commands overriding CMD that students run first: a server's --version (the entrypoint's
// "want help" check skips the setup, so no password is needed), a tool's version flag read from
// the ENV the image's Dockerfile sets, `env` listing those ENVs in order, nginx -V and the
// compiler NGX_COMPILER names (Debian's ends in a space).

import { describe, expect, it } from "vitest";
import { docker, one } from "./replay-helpers";

/** The run's result without the first pull's progress (stderr). */
const PULL = /^(Unable to find image .*|\S+: Pulling from .*|[0-9a-f]{12}: Pull complete|Digest: sha256:.*|Status: Downloaded newer image for .*)\n/gm;
const run = (cmd: string) => {
  const s = one(docker("", cmd).at(-1)!);
  return { ...s, stderr: s.stderr.replace(PULL, "") };
};

describe("servers' --version bypass the entrypoint's setup", () => {
  it.each([
    ["docker run --rm postgres:16 postgres --version", "postgres (PostgreSQL) 16.10 (Debian 16.10-1.pgdg120+1)\n"],
    ["docker run --rm postgres:16-alpine --version", "postgres (PostgreSQL) 16.10\n"],
    ["docker run --rm mysql:8.0 mysqld --version", "/usr/sbin/mysqld  Ver 8.0.43 for Linux on x86_64 (MySQL Community Server - GPL)\n"],
    ["docker run --rm mysql:5.7 --version", "mysqld  Ver 5.7.44 for Linux on x86_64 (MySQL Community Server (GPL))\n"],
    ["docker run --rm mariadb:10.6.4-focal mysqld --version", "mysqld  Ver 10.6.4-MariaDB-1:10.6.4+maria~focal for debian-linux-gnu on x86_64 (mariadb.org binary distribution)\n"],
    ["docker run --rm redis:7.4 redis-server --version", "Redis server v=7.4.2 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=c8e2a7ad4e2b2d5f\n"],
  ])("%s", (cmd, stdout) => {
    const s = run(cmd);
    expect(s.exitCode).toBe(0);
    expect(s.stdout).toBe(stdout);
    expect(s.stderr).not.toContain("uninitialized");
  });
});

describe("tools' version flags in their own image", () => {
  it.each([
    ["docker run --rm node:20 npm --version", "10.8.2\n"],
    ["docker run --rm node:22-alpine npx -v", "10.9.0\n"],
    ["docker run --rm node:20 yarn --version", "1.22.22\n"],
    ["docker run --rm python:3.12 pip --version", "pip 24.3.1 from /usr/local/lib/python3.12/site-packages/pip (python 3.12)\n"],
    ["docker run --rm python:3.9-slim pip3 -V", "pip 23.0.1 from /usr/local/lib/python3.9/site-packages/pip (python 3.9)\n"],
    ["docker run --rm golang:1.22 go version", "go version go1.22.12 linux/amd64\n"],
    ["docker run --rm redis:alpine redis-cli --version", "redis-cli 7.4.2\n"],
    ["docker run --rm postgres:16 psql --version", "psql (PostgreSQL) 16.10 (Debian 16.10-1.pgdg120+1)\n"],
    ["docker run --rm mysql:8.0 mysql --version", "mysql  Ver 8.0.43 for Linux on x86_64 (MySQL Community Server - GPL)\n"],
    ["docker run --rm mysql:5.7 mysql --version", "mysql  Ver 14.14 Distrib 5.7.44, for Linux (x86_64) using  EditLine wrapper\n"],
  ])("%s", (cmd, stdout) => expect(run(cmd)).toEqual({ exitCode: 0, stdout, stderr: "" }));
});

describe("env shows the Dockerfile's ENVs in order", () => {
  const lines = (cmd: string) => run(cmd).stdout.split("\n").filter((l) => !l.startsWith("HOSTNAME="));
  it("postgres (Debian): gosu, LANG, PG_MAJOR, the package's PG_VERSION, PGDATA", () => {
    expect(lines("docker run --rm postgres:16 env")).toEqual(["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/16/bin",
      "GOSU_VERSION=1.17", "LANG=en_US.utf8", "PG_MAJOR=16", "PG_VERSION=16.10-1.pgdg120+1", "PGDATA=/var/lib/postgresql/data", "HOME=/root", ""]);
  });
  it("golang: its PATH, GOLANG_VERSION, GOTOOLCHAIN, GOPATH; alpine's CMD is /bin/sh", () => {
    expect(lines("docker run --rm golang:1.22-alpine env")).toEqual(["PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      "GOLANG_VERSION=1.22.12", "GOTOOLCHAIN=local", "GOPATH=/go", "HOME=/root", ""]);
    expect(docker("", "docker create golang:1.22-alpine\ndocker ps -a --format '{{.Command}}'").at(-1)!.stdout).toBe('"/bin/sh"\n');
  });
  it("mysql and mariadb", () => {
    expect(lines("docker run --rm mysql:8.0 env").slice(1, 5)).toEqual(
      ["GOSU_VERSION=1.17", "MYSQL_MAJOR=8.0", "MYSQL_VERSION=8.0.43-1.el9", "MYSQL_SHELL_VERSION=8.0.43-1.el9"]);
    expect(lines("docker run --rm mariadb:10.6.4-focal env").slice(1, 4)).toEqual(["GOSU_VERSION=1.17", "LANG=C.UTF-8", "MARIADB_VERSION=1:10.6.4+maria~focal"]);
  });
});

describe("nginx's build", () => {
  it("-V prints the version, compiler, OpenSSL, SNI and configure arguments on stderr", () => {
    const s = run("docker run --rm nginx:1.27.4 nginx -V");
    expect(s.exitCode).toBe(0);
    expect(s.stderr.split("\n").slice(0, 4)).toEqual(["nginx version: nginx/1.27.4", "built by gcc 12.2.0 (Debian 12.2.0-14) ",
      "built with OpenSSL 3.0.15 3 Sep 2024", "TLS SNI support enabled"]);
    expect(s.stderr.split("\n")[4]).toMatch(/^configure arguments: --prefix=\/etc\/nginx --sbin-path=\/usr\/sbin\/nginx /);
  });
  it("the start notice names the variant's compiler", () => {
    const logs = (tag: string) => docker("", `docker run -d --name w nginx:${tag}\ndocker logs w`).at(-1)!.stderr;
    expect(logs("1.27.4")).toContain("[notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) \n");
    expect(logs("1.27.4-alpine")).toContain("[notice] 1#1: built by gcc 14.2.0 (Alpine 14.2.0)\n");
  });
});
