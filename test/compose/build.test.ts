// `build:` under docker compose up: the Dockerfile's stage (target or last) on its base image,
// named PROJECT-SERVICE (or `image:`), and the real errors when the context or Dockerfile is missing.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const replay = (script: string, files: Record<string, string>) => new Session({ seed: "build", files }).run(script, { allowSim: true });

describe("compose build", () => {
  it("builds the image from the context's Dockerfile and runs its CMD", () => {
    const files = {
      "compose.yaml": "services:\n  web:\n    build: ./app\n    ports: ['8000:8000']\n  worker:\n    build: { context: ., target: dev }\n    image: shop/worker:1.0\n",
      "app/Dockerfile": "FROM python:3.12-slim\nWORKDIR /app\nENV MODE=prod\nEXPOSE 8000\nCMD [\"python\", \"-m\", \"http.server\", \"8000\"]\n",
      "Dockerfile": "FROM node:20 AS dev\nCMD [\"sleep\", \"infinity\"]\nFROM dev AS prod\nCMD [\"node\", \"server.js\"]\n",
    };
    const s = replay("docker compose up -d\ndocker images --format '{{.Repository}}:{{.Tag}}'\ndocker ps --format '{{.Names}} {{.Image}} {{.Command}} {{.State}}'\ndocker inspect --format '{{range .Config.Env}}{{println .}}{{end}}' root-web-1", files);
    expect(s[0]!.exitCode, s[0]!.stderr).toBe(0);
    expect(s[0]!.stderr).toMatch(/ ✔ Service web +Built/);
    expect(s[1]!.stdout.split("\n").filter(Boolean).sort()).toEqual(["root-web:latest", "shop/worker:1.0"]);
    expect(s[2]!.stdout.split("\n").filter(Boolean).sort()).toEqual([
      'root-web-1 root-web "python -m http.serv…" running',
      'root-worker-1 shop/worker:1.0 "docker-entrypoint.s…" running',
    ]);
    expect(s[3]!.stdout).toContain("MODE=prod\n");
  });

  it("a second up reuses the built image; --build rebuilds", () => {
    const files = { "compose.yaml": "services:\n  web:\n    build: .\n", Dockerfile: "FROM nginx:1.25\n" };
    const s = replay("docker compose up -d\ndocker compose up -d\ndocker compose up -d --build", files);
    expect(s[1]!.stderr).not.toContain("Built");
    expect(s[2]!.stderr).toContain("Built");
  });

  const errors: [string, Record<string, string>, string][] = [
    ["missing context", { "compose.yaml": "services:\n  web:\n    build: ./backend\n" }, 'unable to prepare context: path "/root/backend" not found'],
    ["missing Dockerfile", { "compose.yaml": "services:\n  web:\n    build: ./backend\n", "backend/app.py": "print(1)\n" }, "failed to solve: failed to read dockerfile: open Dockerfile: no such file or directory"],
    ["unknown target", { "compose.yaml": "services:\n  web:\n    build: { context: ., target: prod }\n", Dockerfile: "FROM nginx AS dev\n" }, 'failed to solve: target stage "prod" could not be found'],
  ];
  it.each(errors)("%s", (_n, files, error) => {
    const s = replay("docker compose up -d\ndocker ps -aq", files);
    expect(s[0]!.exitCode).toBe(1);
    expect(s[0]!.stderr.trimEnd().split("\n").pop()).toBe(error);
    expect(s[1]!.stdout).toBe("");
  });
});
