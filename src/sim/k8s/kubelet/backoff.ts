// Mirrors client-go's flowcontrol.Backoff as the kubelet uses it (no jitter here): container
// restarts and image pulls back off 10 s, doubling to 300 s; an entry idle for 2 × max is forgotten.

export const INITIAL_BACKOFF_MS = 10_000;
export const MAX_BACKOFF_MS = 300_000;
/**
 * pod_workers.go: a sync that ended in an error (a container backing off, an image pull failed
 * or backing off, its config not buildable) is requeued after the kubelet's backOffPeriod,
 * 10 s (jitter left out), so while a back-off lasts its events come again every 10 s.
 */
export const POD_WORKER_BACKOFF_MS = 10_000;

export interface BackoffEntry {
  backoffMs: number;
  lastUpdate: number;
}

export class Backoff {
  private readonly entries = new Map<string, BackoffEntry>();

  constructor(private readonly initialMs = INITIAL_BACKOFF_MS, private readonly maxMs = MAX_BACKOFF_MS) {}

  private expired(e: BackoffEntry, eventTime: number): boolean {
    return eventTime - e.lastUpdate > 2 * this.maxMs;
  }

  /** Current back-off of a key (0 if none). */
  get(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0;
  }

  /** IsInBackOffSince: `now − eventTime < backoff`, for an entry not expired at eventTime. */
  inBackOffSince(key: string, eventTime: number, now: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(e, eventTime)) return false;
    return now - eventTime < e.backoffMs;
  }

  /** When the back-off started at eventTime ends. */
  until(key: string, eventTime: number): number {
    return eventTime + this.get(key);
  }

  /** IsInBackOffSinceUpdate: `now − lastUpdate < backoff`. */
  inBackOffSinceUpdate(key: string, now: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(e, now)) return false;
    return now - e.lastUpdate < e.backoffMs;
  }

  /** Whether the key has a back-off not yet forgotten at `now`. */
  has(key: string, now: number): boolean {
    const e = this.entries.get(key);
    return e !== undefined && !this.expired(e, now);
  }

  untilUpdate(key: string): number {
    const e = this.entries.get(key);
    return e ? e.lastUpdate + e.backoffMs : 0;
  }

  next(key: string, eventTime: number, now: number): void {
    const e = this.entries.get(key);
    if (!e || this.expired(e, eventTime)) this.entries.set(key, { backoffMs: this.initialMs, lastUpdate: now });
    else {
      e.backoffMs = Math.min(e.backoffMs * 2, this.maxMs);
      e.lastUpdate = now;
    }
  }

  reset(key: string): void {
    this.entries.delete(key);
  }
}
