// Catalogue rows replayed as students use them (images.md §4/§5): what the image's Dockerfile
// makes of a docker run, and what the program then prints.

import { describe, expect, it } from "vitest";
import { docker } from "./replay-helpers";

describe("registry.k8s.io/pause", () => {
  const steps = docker("", [
    "docker run registry.k8s.io/pause:3.9 -v",
    "docker run -d --name p registry.k8s.io/pause:3.9",
    "docker inspect -f '{{.Config.User}} {{json .Config.Entrypoint}} {{json .Config.Cmd}}' p",
    "docker stop p",
    "docker logs p",
  ].join("\n"));

  it("is ENTRYPOINT /pause as uid 65535, so arguments reach pause.c (-v prints its version)", () => {
    expect(steps[0]).toMatchObject({ exitCode: 0, stdout: "pause.c v3.9\n" });
    expect(steps[2]!.stdout).toBe('65535:65535 ["/pause"] null\n');
  });

  it("stops on SIGTERM at once, saying so", () => {
    expect(steps[4]!.stderr).toBe("Shutting down, got signal: Terminated\n");
  });
});

describe("rabbitmq", () => {
  it("a minor tag stands for its last release", () => {
    const s = docker("", "docker run -d --name r rabbitmq:3.12-management\ndocker logs r").at(-1)!;
    expect(s.stdout).toMatch(/ \[info\] <0\.230\.0> Starting RabbitMQ 3\.12\.14 on Erlang/);
  });
  it("3.9+ refuses the variables its entrypoint no longer translates", () => {
    const s = docker("", "docker run -e RABBITMQ_DEFAULT_PASS_FILE=/x rabbitmq:3.13").at(-1)!;
    expect(s.exitCode).toBe(1);
    expect(s.stderr.endsWith("error: RABBITMQ_DEFAULT_PASS_FILE is set but deprecated\nerror: deprecated environment variables detected\n\n" +
      "Please use a configuration file instead; visit https://www.rabbitmq.com/configure.html to learn more\n\n")).toBe(true);
  });
});

describe("hostname -I", () => {
  it("Debian/Ubuntu's hostname lists the addresses, each followed by a space", () => {
    expect(docker("", "docker run --rm ubuntu hostname -I").at(-1)!.stdout).toBe("172.17.0.2 \n");
  });
});

describe("traefik", () => {
  it("a minor tag stands for its line's last release", () => {
    expect(docker("", "docker run -d --name t traefik:v3.1\ndocker logs t").at(-1)!.stdout).toMatch(/ INF Traefik version 3\.1\.7 built on .* version=3\.1\.7\n$/);
  });
});

describe("postgres's fast shutdown", () => {
  it("logs the launcher worker's end and the checkpointer's shutdown, as its temporary server did", () => {
    const logs = docker("", "docker run -d --name p -e POSTGRES_PASSWORD=x postgres:16\nsleep 5\ndocker stop p\ndocker logs p").at(-1)!.stderr.split("\n");
    expect(logs.slice(-6, -1).map((l) => l.replace(/^\S+ \S+ UTC /, ""))).toEqual([
      "[1] LOG:  received fast shutdown request", "[1] LOG:  aborting any active transactions",
      '[1] LOG:  background worker "logical replication launcher" (PID 67) exited with exit code 1', "[62] LOG:  shutting down",
      "[1] LOG:  database system is shut down"]);
  });
});

describe("ubuntu's release files", () => {
  it("has /etc/lsb-release beside os-release", () => {
    expect(docker("", "docker run --rm ubuntu:22.04 cat /etc/lsb-release").at(-1)!.stdout).toBe(
      'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=22.04\nDISTRIB_CODENAME=jammy\nDISTRIB_DESCRIPTION="Ubuntu 22.04.5 LTS"\n');
  });
});

describe("mysql/mariadb first start with a database and a user", () => {
  const notes = (cmd: string) => docker("", `${cmd}\nsleep 20\ndocker logs m`).at(-1)!;
  it("notes the database, the user and its grant (MariaDB resolves MARIADB_* else MYSQL_*)", () => {
    const lines = (s: { stdout: string }) => s.stdout.split("\n").filter((l) => /Creating|Giving/.test(l)).map((l) => l.slice(26));
    const want = ["[Note] [Entrypoint]: Creating database app", "[Note] [Entrypoint]: Creating user u", "[Note] [Entrypoint]: Giving user u access to schema app"];
    expect(lines(notes("docker run -d --name m -e MYSQL_ROOT_PASSWORD=x -e MYSQL_DATABASE=app -e MYSQL_USER=u -e MYSQL_PASSWORD=p mysql:8.0"))).toEqual(want);
    expect(lines(notes("docker run -d --name m -e MARIADB_ROOT_PASSWORD=x -e MYSQL_DATABASE=app -e MARIADB_USER=u -e MYSQL_PASSWORD=p mariadb"))).toEqual(want);
  });
  it("a user without a password is a warning, not created", () => {
    const s = notes("docker run -d --name m -e MYSQL_ROOT_PASSWORD=x -e MYSQL_USER=u mysql:8.0");
    expect(s.stderr).toContain("[Warn] [Entrypoint]: MYSQL_USER specified, but missing MYSQL_PASSWORD; MYSQL_USER will not be created\n");
    expect(s.stdout).not.toContain("Creating user");
  });
});

describe("postgres's first start creates POSTGRES_DB", () => {
  const around = (env: string) => {
    const out = docker("", `docker run -d --name p -e POSTGRES_PASSWORD=x ${env} postgres:16\nsleep 5\ndocker logs p 2>/dev/null`).at(-1)!.stdout.split("\n");
    const i = out.indexOf("server started");
    return out.slice(i + 1, i + 5);
  };
  it("psql's CREATE DATABASE for a database other than postgres (POSTGRES_DB, by default POSTGRES_USER)", () => {
    expect(around("-e POSTGRES_DB=app")).toEqual(["CREATE DATABASE", "", "", "/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*"]);
    expect(around("-e POSTGRES_USER=bob")).toEqual(["CREATE DATABASE", "", "", "/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*"]);
    expect(around("")).toEqual(["", "/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*", "",
      "waiting for server to shut down....2024-01-10 00:00:02.500 UTC [48] LOG:  received fast shutdown request"]);
  });
});
