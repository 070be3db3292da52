// Volumes and bind mounts are windows on the machine's files (engine/volume-mounts.ts): a named
// volume's data outlives its containers and goes with `docker volume rm`; a volume mounted empty
// over an image directory starts with the image's files; a bind mount shows the machine's path.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function run(script: string) {
  const steps = new Session({ seed: "volume-data" }).run(script, { allowSim: true });
  return { steps, out: (i: number) => steps[i]!.stdout, err: (i: number) => steps[i]!.stderr };
}

describe("named volumes keep their data", () => {
  it("across containers, until the volume is removed", () => {
    const { out, err, steps } = run([
      "docker volume create data",
      "docker run --rm -v data:/data busybox sh -c 'echo hi > /data/f'",
      "docker run --rm -v data:/data busybox cat /data/f",
      "ls /var/lib/docker/volumes/data/_data",
      "docker volume rm data",
      "docker run --rm -v data:/data busybox ls /data",
      "docker run --rm -v data:/data busybox cat /data/f",
    ].join("\n"));
    expect(out(2)).toBe("hi\n");
    expect(out(3)).toBe("f\n");
    expect(out(5)).toBe("");
    expect(steps[6]!.exitCode).toBe(1);
    expect(err(6)).toBe("cat: can't open '/data/f': No such file or directory\n");
  });

  it("an empty volume over an image directory gets the image's files first (copy-up), once", () => {
    const { out } = run([
      "docker run -d --name w1 -p 8080:80 -v html:/usr/share/nginx/html nginx:1.25",
      "curl -s localhost:8080 | grep -c 'Welcome to nginx'",
      "ls /var/lib/docker/volumes/html/_data",
      "echo '<h1>changed</h1>' > /var/lib/docker/volumes/html/_data/index.html",
      "curl -s localhost:8080",
      "docker rm -f w1",
      "docker run -d --name w2 -p 8081:80 -v html:/usr/share/nginx/html nginx:1.25",
      "curl -s localhost:8081",
    ].join("\n"));
    expect(out(1)).toBe("2\n"); // the title and the heading
    expect(out(2)).toBe("50x.html\nindex.html\n");
    expect(out(4)).toBe("<h1>changed</h1>\n");
    expect(out(7)).toBe("<h1>changed</h1>\n");
  });

  it("Compose's project volume survives down/up and goes with down -v", () => {
    const s = new Session({ seed: "volume-data", files: { "compose.yaml": "services:\n  db:\n    image: redis:7\n    volumes: [data:/data]\nvolumes:\n  data: {}\n" } });
    const steps = s.run([
      "docker compose up -d",
      "docker compose exec db sh -c 'echo kept > /data/note'",
      "docker compose down",
      "docker compose up -d",
      "docker compose exec db cat /data/note",
      "docker compose down -v",
      "docker compose up -d",
      "docker compose exec db ls /data",
    ].join("\n"), { allowSim: true });
    expect(steps[4]!.stdout).toBe("kept\n");
    expect(steps[7]!.stdout).toBe("");
  });
});

describe("bind mounts show the machine's files", () => {
  it("a directory ($PWD) and a single file, read-only or not", () => {
    const { out, err } = run([
      "mkdir site && echo '<h1>mine</h1>' > site/index.html",
      "docker run -d --name web -p 8080:80 -v $PWD/site:/usr/share/nginx/html:ro nginx:1.25",
      "curl -s localhost:8080",
      "echo '<h1>edited on the host</h1>' > site/index.html",
      "curl -s localhost:8080",
      "docker exec web sh -c 'echo x > /usr/share/nginx/html/index.html'",
      "echo 'server_tokens off;' > extra.conf",
      "docker run --rm -v $PWD/extra.conf:/etc/nginx/conf.d/extra.conf busybox cat /etc/nginx/conf.d/extra.conf",
      "docker run --rm -v /root/out:/out busybox sh -c 'echo written > /out/r'",
      "cat /root/out/r",
    ].join("\n"));
    expect(out(2)).toBe("<h1>mine</h1>\n");
    expect(out(4)).toBe("<h1>edited on the host</h1>\n");
    expect(err(5)).toBe("sh: 1: cannot create /usr/share/nginx/html/index.html: Read-only file system\n");
    expect(out(7)).toBe("server_tokens off;\n");
    expect(out(9)).toBe("written\n");
  });
});

describe("--mount type=bind", () => {
  it("needs its source to exist (unlike -v, which makes it)", () => {
    const { steps, err, out } = run([
      "docker run --rm --mount type=bind,source=/nope,target=/s busybox true",
      "docker run --rm -v /made:/s busybox true",
      "test -d /made && echo made",
    ].join("\n"));
    expect(steps[0]!.exitCode).toBe(125);
    expect(err(0)).toContain('docker: Error response from daemon: invalid mount config for type "bind": bind source path does not exist: /nope\n');
    expect(out(2)).toBe("made\n");
  });
});

describe("the machine's shell", () => {
  it("keeps $PWD as cd leaves it; the usual directories exist", () => {
    const { out } = run('echo "$PWD"\ncd /tmp && echo "$PWD" && pwd\ncd && echo "$PWD"');
    expect(out(0)).toBe("/root\n");
    expect(out(1)).toBe("/tmp\n/tmp\n");
    expect(out(2)).toBe("/root\n");
  });
});
