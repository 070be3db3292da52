/** How long a command attached to a process that does not end (`docker run`, `docker logs -f`) lets time pass. */
export const ATTACHED_WAIT_CAP_MS = 60_000;
