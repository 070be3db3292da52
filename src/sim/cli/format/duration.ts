// Human-readable durations, from milliseconds. Mirrors docker's github.com/docker/go-units
// HumanDuration ("About a minute", "3 days": CURRENT STATE, CREATED … ago) and kubectl's
// k8s.io/apimachinery/pkg/util/duration HumanDuration / ShortHumanDuration (AGE, LAST SEEN: "3m20s").
// Go converts with int(), which truncates toward zero; Math.trunc does the same.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** docker units.HumanDuration: `Less than a second`, `About a minute`, `2 hours`, `3 weeks`, … */
export function dockerHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.trunc(ms / HOUR + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(ms / HOUR) / 24 / 365)} years`;
}

/** `Running 5 seconds ago` style: docker lower-cases the duration after a state word. */
export function dockerAgo(ms: number, lowerCase = false): string {
  const d = dockerHumanDuration(ms);
  return `${lowerCase ? d.toLowerCase() : d} ago`;
}

/** kubectl duration.HumanDuration (AGE column): `5s`, `3m20s`, `10m`, `7h59m`, `2d3h`, `45d`, `3y45d`. */
export function kubeHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 8 * 24) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 365 * 2 * 24) return `${Math.trunc(hours / 24)}d`;
  if (hours < 365 * 8 * 24) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** kubectl duration.ShortHumanDuration: one unit only (`5s`, `3m`, `2h`, `4d`, `1y`). */
export function kubeShortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(ms / HOUR / 24 / 365)}y`;
}

/** kubectl's AGE cell for a timestamp: `<unknown>` when there is none. */
export function kubeAge(nowMs: number, timestampMs: number | undefined | null): string {
  if (timestampMs === undefined || timestampMs === null) return '<unknown>';
  return kubeHumanDuration(nowMs - timestampMs);
}
