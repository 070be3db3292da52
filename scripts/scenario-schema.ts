// Writes scenario.schema.json (the repository root) from the zod scenario schema, for editors:
// a scenario file that starts with
//   # yaml-language-server: $schema=../scenario.schema.json
// gets completion and validation in VS Code (Red Hat YAML extension) and other LSP editors.
// Run by `npm run gen` (through tsx: the schema is TypeScript). Rewrites the file only when it changes.

import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { scenarioSchema } from "../src/grading/schema";

const out = fileURLToPath(new URL("../scenario.schema.json", import.meta.url));

const schema = {
  ...z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }),
  title: "clustergrade scenario",
  description: "An exercise: the starting cluster, the prompt, the checks, a reference solution and wrong answers (DESIGN.md §4).",
};
const text = JSON.stringify(schema, null, 2) + "\n";

let previous: string | undefined;
try {
  previous = readFileSync(out, "utf8");
} catch {
  previous = undefined;
}
if (previous !== text) writeFileSync(out, text);
console.log(`scenario-schema: scenario.schema.json${previous === text ? " (unchanged)" : " written"}`);
