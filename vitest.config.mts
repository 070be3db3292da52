// Two vitest projects:
//  - "node":    the pure core, grading and CLI tests, in Node (test/**/*.test.ts and tests beside
//               the code in src/**, except test/http/**).
//  - "workers": HTTP tests (test/http/**/*.test.ts) inside workerd through
//               @cloudflare/vitest-pool-workers, with the Worker and bindings from wrangler.toml and
//               the D1 migrations applied by test/http/setup.ts.
import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

const path = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          environment: "node",
          include: ["test/**/*.test.ts", "src/**/*.test.ts"],
          exclude: ["test/http/**", "**/node_modules/**"],
        },
      },
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: path("./wrangler.toml") },
            miniflare: {
              // Read in Node, applied inside workerd by the setup file (isolated per test file).
              bindings: { TEST_MIGRATIONS: await readD1Migrations(path("./migrations")) },
            },
          })),
        ],
        test: {
          name: "workers",
          include: ["test/http/**/*.test.ts"],
          setupFiles: ["./test/http/setup.ts"],
        },
      },
    ],
  },
});
