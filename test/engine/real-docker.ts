// Test helper: the installed docker client (an oracle for what it decides without a daemon), or
// undefined where none is installed (the tests that need it skip).
import { execFileSync } from "node:child_process";

export function realDocker(): string | undefined {
  try {
    execFileSync("docker", ["--version"], { stdio: "pipe" });
    return "docker";
  } catch {
    return undefined;
  }
}
