// Replays real student commands (docker run/exec, kubectl exec) and asserts on the transcript text,
// one block per behaviour of images.md checked by the image/runtime fidelity audit: images.

import { describe, expect, it } from "vitest";
import { run } from "./helpers";
import { docker, kube, one } from "./replay-helpers";

describe("curl inside a container (images.md §3.3, §5.1)", () => {
  const NGINX = "docker run -d --name web nginx:1.27.4";
  it.each([
    ["curl -s -o /dev/null -w '%{http_code}' localhost", 0, "200", ""],
    ["curl -s -o /dev/null -w '%{http_code}\\n' localhost/healthz", 0, "404\n", ""],
    ["curl -s -o /dev/null -w '%{http_code}' localhost:8080", 7, "000", ""],
    ["curl -sS localhost:8080", 7, "", "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\n"],
    ["curl -f localhost/nope", 22, "", "curl: (22) The requested URL returned error: 404\n"],
    ["curl -sf localhost/nope", 22, "", ""],
    ["curl", 2, "", "curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n"],
    ["curl -s http://nosuchhost", 6, "", ""],
    ["curl -sI localhost", 0,
      "HTTP/1.1 200 OK\r\nServer: nginx/1.27.4\r\nDate: Wed, 10 Jan 2024 00:00:00 GMT\r\nContent-Type: text/html\r\nContent-Length: 615\r\n" +
      "Last-Modified: Wed, 05 Feb 2025 11:06:32 GMT\r\nConnection: keep-alive\r\nETag: \"67a34638-267\"\r\nAccept-Ranges: bytes\r\n\r\n", ""],
  ])("nginx: %s", (command, exitCode, stdout, stderr) => {
    const [step] = docker(NGINX, `docker exec web ${command}`);
    expect(one(step!)).toEqual({ exitCode, stdout, stderr });
  });

  it("-i prints the status line and headers before the body; 404s carry no file headers", () => {
    const [step] = docker(NGINX, "docker exec web curl -si localhost/nope");
    expect(step!.stdout).toMatch(/^HTTP\/1\.1 404 Not Found\r\nServer: nginx\/1\.27\.4\r\nDate: .*\r\nContent-Type: text\/html\r\nContent-Length: 153\r\nConnection: keep-alive\r\n\r\n<html>/);
  });

  it("httpd answers with Apache's header order and its 2007 index.html ETag", () => {
    const r = run("httpd:2.4.62").httpGet(80, "/");
    expect(r).toMatchObject({ kind: "response", status: 200 });
    expect(r.kind === "response" && r.headers).toEqual({
      Date: "Wed, 10 Jan 2024 00:00:00 GMT", Server: "Apache/2.4.62 (Unix)", "Last-Modified": "Mon, 11 Jun 2007 18:53:14 GMT",
      ETag: '"2d-432a5e4a73a80"', "Accept-Ranges": "bytes", "Content-Length": "45", "Content-Type": "text/html",
    });
  });
});

describe("busybox wget messages", () => {
  it("without -q: Connecting to HOST (IP:PORT), then busybox's progress lines", () => {
    const [step] = docker("docker run -d --name web nginx:1.27.4-alpine", "docker exec web wget -O- http://localhost");
    expect(step!.stderr).toBe("Connecting to localhost (127.0.0.1:80)\nwriting to stdout\n" +
      `-                    100% |${"*".repeat(32)}|   615  0:00:00 ETA\nwritten to stdout\n`);
    expect(step!.stdout).toContain("<title>Welcome to nginx!</title>");
  });

  it("saving to a file", () => {
    const [step] = docker("docker run -d --name web nginx:1.27.4-alpine", "docker exec -w /tmp web wget http://localhost");
    expect(step!.stderr).toBe("Connecting to localhost (127.0.0.1:80)\nsaving to 'index.html'\n" +
      `index.html           100% |${"*".repeat(32)}|   615  0:00:00 ETA\n'index.html' saved\n`);
  });
});

describe("the environment env prints (runtime order; ash/dash hash order)", () => {
  it("env run directly: PATH, HOSTNAME, the image's ENV, HOME last", () => {
    const [step] = docker("", "docker run --rm --name e nginx:1.27.4 env");
    const lines = step!.stdout.trim().split("\n");
    expect(lines[0]).toBe("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    expect(lines[1]).toMatch(/^HOSTNAME=[0-9a-f]{12}$/);
    expect(lines[2]).toBe("NGINX_VERSION=1.27.4");
    expect(lines.at(-1)).toBe("HOME=/root");
  });

  it("busybox sh -c env: ash's variable table order, with SHLVL and PWD exported", () => {
    const [step] = docker("", "docker run --rm busybox sh -c env");
    expect(step!.stdout.replace(/HOSTNAME=\w+/, "HOSTNAME=h")).toBe(
      "HOSTNAME=h\nSHLVL=1\nHOME=/root\nPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nPWD=/\n");
  });

  it("dash (Debian's sh) exports PWD but has no SHLVL; nested ash shells count SHLVL up", () => {
    const [deb] = docker("", "docker run --rm debian:12 sh -c env");
    expect(deb!.stdout.replace(/HOSTNAME=\w+/, "HOSTNAME=h")).toBe(
      "HOSTNAME=h\nHOME=/root\nPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nPWD=/\n");
    const [nested] = docker("", "docker run --rm busybox sh -c 'sh -c \"echo \\$SHLVL; cd /tmp; env | grep PWD\"'");
    expect(nested!.stdout).toBe("2\nOLDPWD=/\nPWD=/tmp\n"); // cd exports OLDPWD (busybox 1.35)
  });

  it("kubectl exec env: PATH and HOSTNAME first, HOME last", () => {
    const steps = kube("kubectl run c --image=busybox:1.36 -- sleep 3600\nkubectl exec c -- env");
    const lines = steps[1]!.stdout.trim().split("\n");
    expect(lines.slice(0, 2)).toEqual(["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOSTNAME=c"]);
    expect(lines.at(-1)).toBe("HOME=/root");
  });
});

describe("distribution files (cat /etc/os-release)", () => {
  it.each([
    ["alpine:3.19", "/etc/alpine-release", "3.19.7\n"],
    ["alpine", "/etc/os-release", 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.21.3\nPRETTY_NAME="Alpine Linux v3.21"\n' +
      'HOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n'],
    ["debian:bullseye-slim", "/etc/debian_version", "11.11\n"],
  ])("%s %s", (image, file, content) => {
    const [step] = docker("", `docker run --rm ${image} cat ${file}`);
    expect(step!.stdout).toBe(content);
  });

  it("Debian-based official images (nginx, python) are bookworm; ubuntu names its release", () => {
    const [nginx, ubuntu] = docker("", "docker run --rm nginx:1.27 grep PRETTY /etc/os-release\ndocker run --rm ubuntu:22.04 grep VERSION= /etc/os-release");
    expect(nginx!.stdout).toBe('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n');
    expect(ubuntu!.stdout).toBe('VERSION="22.04.5 LTS (Jammy Jellyfish)"\n');
  });
});

describe("image programs that answer and exit at once", () => {
  it.each([
    ["nginx -t", 0, "", "nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n"],
    ["nginx -v", 0, "", "nginx version: nginx/1.27.4\n"],
    ["sh -c 'nginx -t 2>&1 | tail -1'", 0, "nginx: configuration file /etc/nginx/nginx.conf test is successful\n", ""],
    ["nginx -s reload", 0, "", "2024/01/10 00:00:00 [notice] 35#35: signal process started\n"],
  ])("docker exec web %s", (command, exitCode, stdout, stderr) => {
    const [step] = docker("docker run -d --name web nginx:1.27.4", `docker exec web ${command}`);
    expect(one(step!)).toEqual({ exitCode, stdout, stderr });
  });

  it.each([
    ["node:20 node --version", "v20.18.1\n"],
    ["node:22-alpine node -v", "v22.12.0\n"],
    ["python:3.12 python --version", "Python 3.12.8\n"],
    ["python:3.11-slim python3 -V", "Python 3.11.11\n"],
  ])("docker run --rm %s", (args, stdout) => {
    const [step] = docker("", `docker run --rm ${args}`);
    expect({ exitCode: step!.exitCode, stdout: step!.stdout }).toEqual({ exitCode: 0, stdout });
  });
});

describe("postgres first start (images.md §5.7)", () => {
  it("initdb's report names PGDATA; the temporary server logs before the real one; ready twice", () => {
    const [logs] = docker("docker run -d --name pg -e POSTGRES_PASSWORD=x -e PGDATA=/data postgres:16\nsleep 10", "docker logs pg");
    expect(logs!.stdout).toContain("fixing permissions on existing directory /data ... ok\n");
    expect(logs!.stdout).toContain("    pg_ctl -D /data -l logfile start\n");
    expect(logs!.stdout).toContain("/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*\n");
    expect(logs!.stderr).toContain('initdb: warning: enabling "trust" authentication for local connections\n');
    expect(logs!.stderr.match(/database system is ready to accept connections/g)).toHaveLength(2);
  });
});

describe("nginx graceful stop", () => {
  it("docker stop: SIGQUIT, both workers shut down and are reaped, master exits", () => {
    const [logs] = docker("docker run -d --name web nginx:1.27.4\ndocker stop web", "docker logs web");
    const notices = logs!.stderr.split("\n").filter((l) => /SIGQUIT|30#30|exited with code|1#1: exit$/.test(l)).map((l) => l.slice(20));
    expect(notices).toEqual([
      "[notice] 1#1: signal 3 (SIGQUIT) received, shutting down", "[notice] 30#30: gracefully shutting down",
      "[notice] 30#30: exiting", "[notice] 30#30: exit", "[notice] 1#1: worker process 29 exited with code 0",
      "[notice] 1#1: worker process 30 exited with code 0", "[notice] 1#1: exit",
    ]);
  });
});

describe("hashicorp/http-echo request log (main.go httpLog)", () => {
  it("one line per request on stdout: date, host, remote address, request, status, length, agent, duration", () => {
    const p = run("hashicorp/http-echo:1.0", { args: ["-text=hello"], ip: "10.244.1.5" });
    // The Host header a client sends for http://10.244.1.5:5678/ (Go logs r.Host as received).
    p.httpGet(5678, "/", { client: "10.244.1.4", host: "10.244.1.5:5678" });
    const last = p.logs().at(-1)!;
    expect(last).toMatchObject({ stream: "stdout", text: '2024/01/10 00:00:00 10.244.1.5:5678 10.244.1.4:40000 "GET / HTTP/1.1" 200 6 "curl/8.5.0" 25.1µs' });
  });
});

describe("tags that exist (images.md §4)", () => {
  it.each(["node:20.11.1", "node:18.20.4-alpine", "gcr.io/google_containers/pause-amd64:3.0"])("docker pull %s succeeds", (ref) => {
    const [step] = docker("", `docker pull ${ref}`);
    expect(step!.exitCode).toBe(0);
    expect(step!.stdout).toContain("Status: Downloaded newer image for");
  });

  it("a Node.js patch beyond the line does not", () => {
    const [step] = docker("", "docker pull node:20.99.0");
    expect(step!.stderr).toBe("Error response from daemon: manifest for node:20.99.0 not found: manifest unknown: manifest unknown\n");
  });
});

describe("traefik (images.md §5.13)", () => {
  it("v1 flags stop v2 and v3 at the flag decoder, exit 1", () => {
    const [v2, v3] = docker("", "docker run traefik:v2.10 --api --docker --docker.domain=x\ndocker run traefik:v3.1 --docker.domain=x");
    expect(one(v2!)).toMatchObject({ exitCode: 1, stdout: "" });
    expect(v2!.stderr.split("\n").at(-2)).toBe("2024/01/10 00:00:00 command traefik error: failed to decode configuration from flags: field not found, node: docker");
    expect(v3!.exitCode).toBe(1);
    expect(v3!.stdout).toBe('2024-01-10T00:00:00Z ERR Command error error="command traefik error: failed to decode configuration from flags: field not found, node: docker"\n');
  });

  it("start lines carry RFC 3339 times without fractions", () => {
    const [logs] = docker("docker run -d --name t traefik:v3.1.2", "docker logs t");
    expect(logs!.stdout).toBe("2024-01-10T00:00:00Z INF Traefik version 3.1.2 built on 2024-09-04T08:53:23Z version=3.1.2\n");
  });
});

describe("python -m http.server (images.md §5.6)", () => {
  it("-u is an interpreter flag; unbuffered, the banner shows; a 404 logs the error line then the request", () => {
    const [logs] = docker("docker run -d --name py python:3.12 python -u -m http.server 8000\ndocker exec py curl -s localhost:8000/nope", "docker logs py");
    expect(logs!.stdout).toBe("Serving HTTP on 0.0.0.0 port 8000 (http://0.0.0.0:8000/) ...\n");
    expect(logs!.stderr).toBe('127.0.0.1 - - [10/Jan/2024 00:00:00] code 404, message File not found\n127.0.0.1 - - [10/Jan/2024 00:00:00] "GET /nope HTTP/1.1" 404 -\n');
  });

  it("buffered stdout (no -u, no PYTHONUNBUFFERED): no banner in docker logs", () => {
    const [logs] = docker("docker run -d --name py python:3.12 python3 -m http.server 9000", "docker logs py");
    expect(one(logs!)).toEqual({ exitCode: 0, stdout: "", stderr: "" });
  });
});

describe("installing tools in a container (apt-get, apk)", () => {
  it("apt-get install before apt-get update cannot locate the package (exit 100); after it, curl is on $PATH", () => {
    const steps = docker("docker run -d --name d debian:12 sleep 3600",
      "docker exec d apt-get install -y curl\ndocker exec d apt-get update\ndocker exec d apt-get install -y curl\ndocker exec d curl -s -o /dev/null -w '%{http_code}' localhost");
    expect(one(steps[0]!)).toEqual({ exitCode: 100, stdout: "Reading package lists...\nBuilding dependency tree...\nReading state information...\n", stderr: "E: Unable to locate package curl\n" });
    expect(steps[1]!.stdout).toMatch(/^Get:1 http:\/\/deb\.debian\.org\/debian bookworm InRelease .*\n[\s\S]*Reading package lists\.\.\.\n$/);
    expect(steps[2]!.stdout).toContain("Setting up curl (");
    expect({ exitCode: steps[3]!.exitCode, stdout: steps[3]!.stdout }).toEqual({ exitCode: 7, stdout: "000" });
  });

  it("without -y apt-get reads EOF at its prompt and aborts", () => {
    const [step] = docker("docker run -d --name d ubuntu:24.04 sleep 3600\ndocker exec d apt-get update", "docker exec d apt-get install curl");
    expect(step!.exitCode).toBe(1);
    expect(step!.stdout.endsWith("Do you want to continue? [Y/n] Abort.\n")).toBe(true);
  });

  it("apk add puts the program on $PATH in the same script", () => {
    const [step] = docker("docker run -d --name a alpine:3.21 sleep 3600", "docker exec a sh -c 'apk add --no-cache curl >/dev/null && curl -sS localhost'");
    expect(step!.stderr).toBe("curl: (7) Failed to connect to localhost port 80 after 0 ms: Could not connect to server\n");
  });
});

describe("busybox nslookup (images.md §5.4)", () => {
  const network = {
    lookup: (name: string) => ({
      server: "10.96.0.10", serverName: "kube-dns.kube-system.svc.cluster.local",
      ...(name === "web" ? { found: { fqdn: "web.default.svc.cluster.local", addresses: ["10.98.42.252"] } } : {}),
    }),
  };
  it("1.28: the k8s docs layout; an unknown name cannot be resolved (exit 1)", () => {
    const p = run("busybox:1.28", { command: ["sleep", "3600"], network });
    expect(p.exec(["nslookup", "web"])).toMatchObject({ exitCode: 0, stdout:
      "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      web\nAddress 1: 10.98.42.252 web.default.svc.cluster.local\n" });
    expect(p.exec(["nslookup", "nope"])).toMatchObject({ exitCode: 1, stderr: "nslookup: can't resolve 'nope'\n" });
  });

  it("1.36: bind's layout with the server port", () => {
    const p = run("busybox:1.36", { command: ["sleep", "infinity"], network });
    expect(p.exec(["nslookup", "web"])).toMatchObject({ exitCode: 0, stdout:
      "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.98.42.252\n\n" });
  });
});

describe("redis-cli against the container's server", () => {
  it("keeps a keyspace: SET then GET returns the value; INCR, missing keys, unknown commands", () => {
    const [step] = docker("docker run -d --name r redis:7.2", `docker exec r sh -c "redis-cli set a 1; redis-cli get a; redis-cli incr a; redis-cli get nope; redis-cli exists a nope"`);
    expect(step!.stdout).toBe("OK\n1\n2\n\n1\n");
  });
});

describe("accounts in images (/etc/passwd)", () => {
  it("busybox and Debian base accounts; nginx adds its uid 101 user", () => {
    const exec = (image: string, script: string) => run(image, { command: ["sleep", "3600"] }).exec(["sh", "-c", script]).stdout;
    expect(exec("busybox", "head -1 /etc/passwd; tail -1 /etc/passwd")).toBe("root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n");
    expect(exec("debian:12", "head -1 /etc/passwd; grep _apt /etc/passwd")).toBe("root:x:0:0:root:/root:/bin/bash\n_apt:x:42:65534::/nonexistent:/usr/sbin/nologin\n");
    expect(exec("nginx:1.27.4", "tail -1 /etc/passwd")).toBe("nginx:x:101:101:nginx user:/nonexistent:/bin/false\n");
  });
});
