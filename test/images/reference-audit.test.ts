// images.md replayed through the real commands (docker run / pull / exec): facts about the images
// themselves that the reference audit found missing or wrong, asserted on transcript text.

import { describe, expect, it } from "vitest";
import { replay } from "../../src/sim";
import { resolveImage } from "../../src/sim/images";
import { docker } from "../runtime/replay-helpers";

describe("nginx's configuration files (docker exec web cat …, images.md §5.1)", () => {
  it("/etc/nginx/nginx.conf is the nginx.org package's file", () => {
    const [step] = docker("docker run -d --name web nginx:1.27.4", "docker exec web cat /etc/nginx/nginx.conf");
    expect(step!.stdout).toBe(`
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
`);
  });

  it("conf.d/default.conf has the entrypoint's IPv6 listen line and the default locations", () => {
    const [step] = docker("docker run -d --name web nginx:1.27.4-alpine", "docker exec web head -12 /etc/nginx/conf.d/default.conf");
    expect(step!.stdout).toBe(`server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

`);
    // Before 1.19 no entrypoint adds the IPv6 line.
    const [grep] = docker("docker run -d --name web nginx:1.14.2", "docker exec web grep -c '::' /etc/nginx/conf.d/default.conf");
    expect(grep).toMatchObject({ exitCode: 1, stdout: "0\n" });
  });
});

describe("docker pull lists one line per layer (images.md §2.1)", () => {
  it.each([["alpine:3.20", 1], ["busybox:1.36", 1], ["ubuntu:24.04", 1], ["debian:12", 1], ["hello-world", 1], ["nginx:1.27.4", 7], ["nginx:1.27.4-alpine", 8]])(
    "%s: %i layer(s)", (ref, n) => {
      const [step] = docker("", `docker pull ${ref}`);
      expect(step!.stdout.match(/^[0-9a-f]{12}: Pull complete$/gm)).toHaveLength(n);
    });
});

describe("nginx's access log for requests from the machines (images.md §5.1)", () => {
  it("through a published port: the bridge gateway from the machine itself, the caller's address from another; method and user agent as sent", () => {
    const cluster = { hosts: [{ name: "m1", ip: "10.0.0.1" }, { name: "w1", ip: "10.0.0.2" }] };
    const { transcript } = replay("docker run -d --name web -p 8080:80 nginx:1.27.4\ncurl -sI localhost:8080/nope\n" +
      "wget -qO- localhost:8080/ > /dev/null\nssh w1 curl -s 10.0.0.1:8080 > /dev/null\ndocker logs web 2>/dev/null", { seed: "audit", cluster } as never);
    const lines = transcript.steps.at(-1)!.stdout.split("\n").filter((l) => l.includes("HTTP/1.1"));
    // client, request line, user agent (the byte count of a HEAD is left aside: nginx logs 0)
    expect(lines.map((l) => /^(\S+) .*"(\w+ \S+ HTTP\/1\.1)" \d+ \d+ "-" "([^"]*)"/.exec(l)!.slice(1))).toEqual([
      ["172.17.0.1", "HEAD /nope HTTP/1.1", "curl/8.5.0"],
      ["172.17.0.1", "GET / HTTP/1.1", "Wget/1.21.4"],
      ["10.0.0.2", "GET / HTTP/1.1", "curl/8.5.0"],
    ]);
  });
});

describe("moving major tags with version-gated suffixes (images.md §4 nginx)", () => {
  it.each([["nginx:1-bookworm", 0], ["nginx:1-alpine-slim", 0], ["nginx:1.23-alpine-slim", 0], ["nginx:1.23.1-alpine-slim", 1], ["nginx:1.24-otel", 1]])(
    "docker pull %s", (ref, exitCode) => {
      const [step] = docker("", `docker pull ${ref}`);
      expect(step!.exitCode).toBe(exitCode);
    });
});

describe("mariadb's package names by era (images.md §5.9)", () => {
  it("2021 tags name the Ubuntu codename and the server's version carries the package version; current ones say ubu2404", () => {
    const [old] = docker("docker run -d --name ma -e MARIADB_ROOT_PASSWORD=x mariadb:10.6.4-focal\nsleep 20", "docker logs ma 2>&1 | grep -E 'Entrypoint script|Version'");
    expect(old!.stdout).toBe("2024-01-10 00:00:00+00:00 [Note] [Entrypoint]: Entrypoint script for MariaDB Server 1:10.6.4+maria~focal started.\n".repeat(2) +
      "Version: '10.6.4-MariaDB-1:10.6.4+maria~focal'  socket: '/run/mysqld/mysqld.sock'  port: 3306  mariadb.org binary distribution\n");
    const [cur] = docker("docker run -d --name mb -e MARIADB_ROOT_PASSWORD=x mariadb:11.4\nsleep 20", "docker logs mb 2>&1 | grep Version");
    expect(cur!.stdout).toMatch(/^Version: '11\.4\.\d+-MariaDB-ubu2404'  socket/);
  });
});

describe("rabbitmq's EXPOSEd ports (the Dockerfile's, TLS ports included)", () => {
  it.each([["rabbitmq:3.13", [4369, 5671, 5672, 15691, 15692, 25672]], ["rabbitmq:3-management", [4369, 5671, 5672, 15691, 15692, 25672, 15671, 15672]]])(
    "%s", (ref, ports) => {
      const r = resolveImage(ref);
      expect(r.ok && r.image.exposedPorts.map((p) => p.port)).toEqual(ports);
    });
});

describe("account files", () => {
  it("alpine has its base /etc/passwd; nginx adds its user (uid 101) on alpine and Debian", () => {
    const [a, na, nd] = docker("docker pull -q alpine:3.21\ndocker pull -q nginx:1.27.4-alpine\ndocker pull -q nginx:1.27.4",
      "docker run --rm alpine:3.21 head -2 /etc/passwd\ndocker run --rm nginx:1.27.4-alpine grep nginx /etc/passwd\ndocker run --rm nginx:1.27.4 grep nginx /etc/passwd");
    expect(a!.stdout).toBe("root:x:0:0:root:/root:/bin/sh\nbin:x:1:1:bin:/bin:/sbin/nologin\n");
    expect(na!.stdout).toBe("nginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin\n");
    expect(nd!.stdout).toBe("nginx:x:101:101:nginx user:/nonexistent:/bin/false\n");
  });
});
