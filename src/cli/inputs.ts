// Reading what the commands grade: scenarios (a YAML file, or an id from the library) and
// submissions (a commands file, a directory, or a {commands, files} JSON file).

import { existsSync, readdirSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { z } from "zod";
import { clusterSpecSchema, type ClusterSpec } from "../sim/cluster-spec";
import { formatIssues, library, loadScenario, submissionSchema, type Scenario, type Submission } from "../grading";
import { CliError } from "./errors";
import { isDirectory, isFile, readText, readTree, type Io } from "./io";

/** The repository's scenarios/ (next to src/), for ids given on the command line. */
export const REPO_SCENARIOS = fileURLToPath(new URL("../../scenarios", import.meta.url));

/** YAML → plain JSON data, as scripts/bundle-scenarios.mjs does for the Worker. */
export function parseYaml(text: string, file: string): unknown {
  try {
    return JSON.parse(JSON.stringify(parse(text, { prettyErrors: true }) ?? null));
  } catch (err) {
    throw new CliError(`${file}: invalid YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const issuesText = (issues: { path: string; message: string }[]) =>
  issues.map((i) => `  ${i.path || "(root)"}: ${i.message}`).join("\n");

export function readScenarioFile(path: string, io: Io): Scenario {
  const res = loadScenario(parseYaml(readText(path, io, "scenario"), path));
  if (!res.ok) throw new CliError(`${path}: not a valid scenario:\n${issuesText(res.issues)}`);
  return res.scenario;
}

/** SCENARIO_ID_OR_FILE: an existing file, else scenarios/<id>.yaml, else the bundled library. */
export function resolveScenario(ref: string, io: Io): Scenario {
  if (isFile(ref) || ref === "-") return readScenarioFile(ref, io);
  if (/^[a-z0-9][a-z0-9-]*$/.test(ref)) {
    const file = join(REPO_SCENARIOS, `${ref}.yaml`);
    if (isFile(file)) return readScenarioFile(file, io);
    const bundled = library().byId.get(ref);
    if (bundled) return bundled;
  }
  const known = existsSync(REPO_SCENARIOS)
    ? readdirSync(REPO_SCENARIOS).filter((f) => f.endsWith(".yaml")).map((f) => f.slice(0, -5)).sort()
    : [];
  throw new CliError(
    `no scenario file or id ${JSON.stringify(ref)}` + (known.length ? ` (known ids: ${known.join(", ")})` : ""),
  );
}

/** The commands file a submission directory holds. */
export const COMMANDS_FILE = "commands.sh";

/**
 * A submission: `-` (stdin) or a file of commands; a `.json` file holding {commands, files};
 * or a directory whose commands.sh holds the commands and whose other files are the files.
 */
export function readSubmission(path: string, io: Io): Submission {
  if (path !== "-" && isDirectory(path)) {
    const files = readTree(path, [COMMANDS_FILE]);
    const cmdFile = join(path, COMMANDS_FILE);
    const commands = isFile(cmdFile) ? readText(cmdFile, io) : undefined;
    return {
      ...(commands !== undefined ? { commands } : {}),
      ...(Object.keys(files).length ? { files } : {}),
    };
  }
  const text = readText(path, io, "submission");
  if (extname(path).toLowerCase() === ".json") {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      throw new CliError(`${path}: invalid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    const parsed = submissionSchema.safeParse(doc);
    if (!parsed.success) throw new CliError(`${path}: not a submission ({commands?, files?}):\n${issuesText(formatIssues(parsed.error))}`);
    return parsed.data;
  }
  return { commands: text };
}

export function withFiles(s: Submission, files: Record<string, string> | undefined): Submission {
  return files ? { ...s, files: { ...files, ...s.files } } : s;
}

/** --cluster FILE: a YAML cluster block, or any YAML document with a `cluster:` key (a scenario). */
export function readCluster(path: string, io: Io): ClusterSpec {
  const doc = parseYaml(readText(path, io, "cluster file"), path);
  const block = doc && typeof doc === "object" && "cluster" in doc && !("hosts" in doc) ? (doc as { cluster: unknown }).cluster : doc;
  const parsed = clusterSpecSchema.safeParse(block);
  if (!parsed.success) throw new CliError(`${path}: not a valid cluster:\n${issuesText(formatIssues(parsed.error as z.ZodError))}`);
  return parsed.data;
}

export const displayName = (path: string) => basename(path);
