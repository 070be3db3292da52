// busybox httpd (networking/httpd.c) as the course uses it: `httpd -f -p 8080` serves the working
// directory (or -h DIR) in the foreground; without -f it daemonizes and the container's process
// exits 0 at once. No SIGTERM handler: as PID 1 it waits for docker stop's SIGKILL.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const docker = (script: string) => new Session({ seed: "bb-httpd", cluster: { hosts: [{ name: "h1", ip: "10.0.0.5" }] } }).run(script, { allowSim: false });

describe("busybox httpd", () => {
  it("-f serves files under the working directory, index.html for a directory, busybox's 404 page", () => {
    const s = docker("docker run -d --name w -p 8080:8080 busybox:1.36 sh -c 'echo hi > /index.html; httpd -f -p 8080'\ncurl -s localhost:8080/\ncurl -si localhost:8080/nope\ncurl -s localhost:8080/etc/hostname");
    expect(s[1]!.stdout).toBe("hi\n");
    expect(s[2]!.stdout).toBe("HTTP/1.1 404 Not Found\r\nDate: Wed, 10 Jan 2024 00:00:00 GMT\r\nConnection: close\r\nContent-type: text/html\r\n\r\n"
      + "<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD>\n<BODY><H1>404 Not Found</H1>\nThe requested URL was not found\n</BODY></HTML>\n");
    expect(s[3]!.stdout).toMatch(/^[0-9a-f]{12}\n$/);
  });

  it("-h DIR and -p IP:PORT; option clusters as getopt reads them", () => {
    const s = docker("docker run -d --name w -p 9000:9000 busybox:1.36 sh -c 'mkdir -p /www && echo page > /www/index.html && httpd -vfh /www -p 0.0.0.0:9000'\ncurl -s localhost:9000");
    expect(s[1]!.stdout).toBe("page\n");
  });

  it("without -f it daemonizes: the container exits 0 at once", () => {
    const s = docker("docker run -d --name d busybox:1.36 httpd -p 8080\ndocker ps -a --format '{{.Names}} {{.Status}}'\ncurl -s localhost:8080; echo $?");
    expect(s[1]!.stdout).toBe("d Exited (0) Less than a second ago\n");
    expect(s[2]!.stdout).toBe("7\n");
  });

  it("ignores SIGTERM as PID 1: docker stop waits 10 s and kills it (137)", () => {
    const s = docker("docker run -d --name w busybox:1.36 httpd -f -p 8080\ndocker stop w\ndate\ndocker ps -a --format '{{.Status}}'");
    expect(s[2]!.stdout).toBe("Wed Jan 10 00:00:10 UTC 2024\n");
    expect(s[3]!.stdout).toBe("Exited (137) Less than a second ago\n");
  });

  it("in a Pod: Running with -f, CrashLoopBackOff without", () => {
    const k = new Session({ seed: "bb-httpd-k8s", cluster: { hosts: [{ name: "cp", ip: "10.0.0.10" }, { name: "w1", ip: "10.0.0.11" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } } });
    const s = k.run("kubectl run web --image=busybox:1.36 --port=8080 -- httpd -f -p 8080\nkubectl run bg --image=busybox:1.36 -- httpd -p 8080\nkubectl run c --image=busybox:1.36 -- sleep 1d\nsleep 20\nkubectl get pods --no-headers -o custom-columns=N:.metadata.name,S:.status.containerStatuses[0].ready\nkubectl exec c -- wget -qO- web:8080/etc/hostname || kubectl exec c -- sh -c 'wget -qO- $(getent hosts web || true)'", { allowSim: false });
    expect(s[4]!.stdout).toBe("bg    false\nc     true\nweb   true\n");
  });
});
