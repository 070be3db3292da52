// Request limits of the HTTP API. Above them a request is refused with a 4xx that names the
// limit; below them the simulator's own budgets (steps, settle passes, virtual-time wake-ups)
// keep every replay finite.

export const API_LIMITS = {
  /** Request body, bytes (413 above). */
  bodyBytes: 256 * 1024,
  /** Lines in `commands`. */
  commandLines: 2_000,
  /** Entries in `files`. */
  files: 200,
  /** One file's content, bytes (UTF-8). */
  fileBytes: 128 * 1024,
  /** A file name's length. */
  fileNameChars: 255,
  /** Machines in a /v1/simulate `cluster` (hosts plus generated ones). */
  hosts: 100,
} as const;
