// Placeholder for the `clustergrade` command (bin/clustergrade.mjs imports this file and it
// runs on import). To be replaced by the real CLI.

const USAGE = `usage: clustergrade <command> [options]

commands:
  replay FILE [--files DIR] [--cluster FILE] [--json]   replay a command script through the simulator
`;

process.stderr.write(USAGE);
process.exitCode = 2;
