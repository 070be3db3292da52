// clustergrade replay FILE [--files DIR] [--cluster FILE] [--json]

import { replay } from "../../sim";
import { DEFAULT_CLUSTER } from "../../sim/cluster-spec";
import { readCluster } from "../inputs";
import { readText, readTree } from "../io";
import { renderTranscript } from "../render";
import type { Subcommand } from "./types";

const defaultMachines = DEFAULT_CLUSTER.hosts.map((h) => `${h.name} (${h.ip})`).join(", ");

export const replayCommand: Subcommand = {
  name: "replay",
  summary: "replay a command script through the simulator and print the transcript",
  usage: "clustergrade replay FILE [--files DIR] [--cluster FILE] [--seed S] [--json]",
  args: [1, 1],
  options: {
    files: { type: "string" },
    cluster: { type: "string" },
    seed: { type: "string" },
    json: { type: "boolean" },
  },
  help: `Usage: clustergrade replay FILE [--files DIR] [--cluster FILE] [--seed S] [--json]

Replays the shell commands in FILE (one per line; '-' reads stdin) through the simulator, as an
instructor: the 'sim' program (sim node add|down|up, sim advance) is allowed. Prints each step as
a terminal shows it ('HOST$ COMMAND' then its output), or with --json the transcript
{steps: [{host, command, exitCode, stdout, stderr}], clock}. Exits 0 when the replay ran,
whatever the commands returned.

Options:
  --files DIR      the files of DIR (dotfiles such as .env included) are the working directory's files
  --cluster FILE   a YAML file with what a scenario's 'cluster:' block holds (or a scenario file)
  --seed S         seeds every generated ID (default: "replay")
  --json           print the transcript as JSON

Default cluster (without --cluster): three Linux machines, ${defaultMachines},
2 CPUs and 4 GiB each, no swarm formed yet (run 'docker swarm init' on manager1), and a Kubernetes
cluster on the same machines (manager1 the control plane, worker1 and worker2 the workers) that
kubectl on any of them talks to. Commands run on manager1 until 'ssh HOST' switches.
`,
  run({ values, positionals }, io) {
    const script = readText(positionals[0]!, io, "script");
    const files = typeof values.files === "string" ? readTree(values.files) : undefined;
    const cluster = typeof values.cluster === "string" ? readCluster(values.cluster, io) : undefined;
    const { transcript } = replay(script, {
      seed: typeof values.seed === "string" ? values.seed : "replay",
      ...(cluster ? { cluster } : {}),
      ...(files ? { files } : {}),
    });
    io.out(values.json ? JSON.stringify(transcript, null, 2) + "\n" : renderTranscript(transcript));
    for (const w of transcript.warnings ?? []) io.err(`warning: ${w}\n`);
    return 0;
  },
};
