// clustergrade validate [PATH]: schema, then every reference solution scores full marks and every
// wrong answer fails exactly the checks it names (grading/validate.ts does the work).

import { existsSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { loadScenario, validateScenario } from "../../grading";
import { CliError } from "../errors";
import { parseYaml, REPO_SCENARIOS } from "../inputs";
import { isDirectory, readText } from "../io";
import type { Subcommand } from "./types";

interface FileResult {
  file: string;
  label: string;
  problems: string[];
}

function scenarioFiles(path: string): string[] {
  if (!existsSync(path)) throw new CliError(`no such file or directory: ${path}`);
  if (!isDirectory(path)) return [path];
  return readdirSync(path).filter((f) => f.endsWith(".yaml") || f.endsWith(".yml")).sort().map((f) => join(path, f));
}

function validateFile(file: string, io: Parameters<Subcommand["run"]>[1]): FileResult {
  const name = basename(file).replace(/\.ya?ml$/, "");
  const result: FileResult = { file, label: name, problems: [] };
  if (file.endsWith(".yml")) result.problems.push("scenario files end in .yaml (this one is not bundled)");
  let doc: unknown;
  try {
    doc = parseYaml(readText(file, io), file);
  } catch (err) {
    result.problems.push(err instanceof CliError ? err.message.replace(`${file}: `, "") : String(err));
    return result;
  }
  const loaded = loadScenario(doc);
  if (!loaded.ok) {
    result.problems.push(...loaded.issues.map((i) => `schema: ${i.path || "(root)"}: ${i.message}`));
    return result;
  }
  const s = loaded.scenario;
  result.label = s.id;
  if (s.id !== name) result.problems.push(`id ${s.id} does not match the file name ${basename(file)}`);
  result.problems.push(...validateScenario(s).map((p) => `${p.where}: ${p.message}`));
  return result;
}

export const validateCommand: Subcommand = {
  name: "validate",
  summary: "check scenarios: schema, reference solutions, wrong answers",
  usage: "clustergrade validate [PATH]",
  args: [0, 1],
  options: {},
  help: `Usage: clustergrade validate [PATH]

Checks a scenario file, or every *.yaml scenario in a directory (default: scenarios/):
  - it matches the scenario schema (scenario.schema.json) and its id is its file name;
  - the setup and after scripts run without a failing command;
  - the reference solution (and every entry of solutions) scores full marks;
  - every wrong answer fails exactly the checks listed in its 'fails'.
Prints one line per scenario (✓ or ✗ with its problems) and a summary.

Exit status: 0 when every scenario is valid, 1 when any has a problem, 2 on usage errors.
`,
  run({ positionals }, io) {
    const path = positionals[0] ?? (isDirectory("scenarios") ? "scenarios" : REPO_SCENARIOS);
    const files = scenarioFiles(path);
    let bad = 0;
    for (const f of files) {
      const r = validateFile(f, io);
      if (r.problems.length === 0) {
        io.out(`✓ ${r.label}\n`);
        continue;
      }
      bad++;
      io.out(`✗ ${r.label} (${f})\n${r.problems.map((p) => `    ${p}\n`).join("")}`);
    }
    const n = files.length;
    io.out(`${n} scenario${n === 1 ? "" : "s"}: ${n - bad} valid, ${bad} with problems\n`);
    return bad ? 1 : 0;
  },
};
