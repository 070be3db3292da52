// CLI failures as values with an exit code: 2 = the command could not start (usage, a missing or
// unreadable input), 1 = it ran and the answer is negative (a scenario with problems, …).

export class CliError extends Error {
  constructor(message: string, readonly exitCode: 1 | 2 = 2, readonly usage?: string) {
    super(message);
  }
}

/** A usage error: the message, then the command's usage line. */
export function usageError(message: string, usage: string): CliError {
  return new CliError(message, 2, usage);
}
