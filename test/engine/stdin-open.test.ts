// A shell as PID 1 lives as long as its stdin: `-t` (a terminal) or `-i` with nothing attached keep
// it waiting (`docker run -dt`, `-di`, `-dit`, `create -i` + `start`); without either it reads EOF
// and exits; an attached `docker run -i` reads what is piped to it, then EOF. TERM only with -t.
import { expect, it } from "vitest";
import { Session } from "../../src/sim";

it("-t, -i and both keep a shell running; an attached -i reads its piped input", () => {
  const steps = new Session({ seed: "stdin-open" }).run([
    "docker pull -q alpine",
    "docker run -d --name a alpine",
    "docker run -dt --name b alpine",
    "docker run -di --name c alpine",
    "docker run -dit --name d alpine",
    "docker create -i --name e alpine",
    "docker start e",
    "docker ps -a --format '{{.Names}} {{.State}}' | sort",
    "docker exec b env | grep TERM",
    "docker exec c sh -c 'echo ${TERM:-none}'",
    "echo 'echo from-stdin' | docker run --rm -i alpine sh",
  ].join("\n"), { allowSim: true });
  expect(steps[7]!.stdout).toBe("a exited\nb running\nc running\nd running\ne running\n");
  expect(steps[8]!.stdout).toBe("TERM=xterm\n");
  expect(steps[9]!.stdout).toBe("none\n");
  expect(steps[10]!.stdout).toBe("from-stdin\n");
});

it("a container keeps its filesystem across stop/start and restart (until docker rm)", () => {
  const steps = new Session({ seed: "stdin-open" }).run([
    "docker run -d --name c1 nginx:1.25",
    "docker exec c1 sh -c 'echo kept > /tmp/note; rm /usr/share/nginx/html/50x.html'",
    "docker restart c1",
    "docker exec c1 cat /tmp/note",
    "docker exec c1 ls /usr/share/nginx/html",
    "docker stop c1",
    "docker start c1",
    "docker exec c1 cat /tmp/note",
    "docker rm -f c1",
    "docker run -d --name c1 nginx:1.25",
    "docker exec c1 cat /tmp/note",
  ].join("\n"), { allowSim: true });
  expect(steps[3]!.stdout).toBe("kept\n");
  expect(steps[4]!.stdout).toBe("index.html\n");
  expect(steps[7]!.stdout).toBe("kept\n");
  expect(steps[10]!.stderr).toBe("cat: /tmp/note: No such file or directory\n");
});

it("--init: docker-init forwards docker stop's SIGTERM, so sleep ends at once with 143", () => {
  const steps = new Session({ seed: "stdin-open" }).run([
    "docker run -d --name plain busybox sleep 1000",
    "docker run -d --name tini --init busybox sleep 1000",
    "docker stop plain tini",
    "docker ps -a --format '{{.Names}} {{.Status}}' | sort",
    "docker inspect tini --format '{{.HostConfig.Init}}'",
  ].join("\n"), { allowSim: true });
  expect(steps[3]!.stdout).toMatch(/^plain Exited \(137\) .*\ntini Exited \(143\) .*\n$/);
  expect(steps[4]!.stdout).toBe("true\n");
});
