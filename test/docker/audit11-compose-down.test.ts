// compose down.go after the containers: networks still connected to a container, images a
// container still uses and volumes one still mounts are Warnings ("! … Resource is still in use"),
// counted as done by the progress writer (numDone: every event no longer Working); a declared
// volume already gone is "Removed" (VolumeRemove with force); --rmi all takes the services'
// images that exist, familiar and tagged, sorted.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const FILES = { "compose.yaml": "services:\n  web:\n    image: nginx:1.25\n    volumes: [data:/data]\n  cache:\n    image: redis\nvolumes:\n  data: {}\n" };

function run(script: string) {
  return new Session({ seed: "audit11-down", files: FILES }).run(script, { allowSim: true });
}

/** The final progress frame without its timer column. */
const frame = (stderr: string) => stderr.split("\n").filter((l) => l.startsWith("[+] Running") || /^ [✔✘!] /.test(l)).map((l) => l.replace(/ +\d+\.\d+s$/, ""));

describe("docker compose down: what is still in use stays, with a warning", () => {
  it("another container on the network, using the image and the volume", () => {
    const steps = run([
      "docker compose up -d", "docker run -d --name other --network root_default -v root_data:/d nginx:1.25",
      "docker compose down -v --rmi all", "docker network ls --format '{{.Name}}' --filter name=root", "docker volume ls -q", "docker images --format '{{.Repository}}:{{.Tag}}'",
    ].join("\n"));
    expect(steps[2]!.exitCode).toBe(0);
    expect(frame(steps[2]!.stderr)).toEqual([
      "[+] Running 6/6",
      " ✔ Container root-web-1    Removed",
      " ✔ Container root-cache-1  Removed",
      " ! Volume root_data        Resource is still in use",
      " ! Network root_default    Resource is still in use",
      " ! Image nginx:1.25        Resource is still in use",
      " ✔ Image redis:latest      Removed",
    ]);
    expect(steps[3]!.stdout).toBe("root_default\n");
    expect(steps[4]!.stdout).toBe("root_data\n");
    expect(steps[5]!.stdout).toBe("nginx:1.25\n");
  });

  it("once that container is gone, everything goes; a declared volume already gone is Removed", () => {
    const steps = run([
      "docker compose up -d", "docker run -d --name other --network root_default nginx:1.25", "docker compose down",
      "docker rm -f other", "docker compose down -v --rmi all", "docker compose down -v",
    ].join("\n"));
    expect(frame(steps[2]!.stderr)).toContain(" ! Network root_default    Resource is still in use");
    expect(frame(steps[4]!.stderr)).toEqual([
      "[+] Running 4/4", " ✔ Volume root_data      Removed", " ✔ Network root_default  Removed", " ✔ Image nginx:1.25      Removed", " ✔ Image redis:latest    Removed",
    ]);
    expect(frame(steps[5]!.stderr)).toEqual(["[+] Running 1/1", " ✔ Volume root_data  Removed"]);
  });

  it("a stopped container keeps no endpoint: the network goes", () => {
    const steps = run(["docker compose up -d", "docker run -d --name other --network root_default nginx:1.25", "docker stop other", "docker compose down"].join("\n"));
    expect(frame(steps[3]!.stderr)).toContain(" ✔ Network root_default    Removed");
  });
});
