// Renders the placeholders of catalogue log lines and HTTP bodies: `{ts:FORMAT}` is the virtual
// time in one program's log format, other `{name}` come from the caller's variables. Unknown
// placeholders stay as written (JSON bodies contain braces).

import { formatGoDuration } from "../clock";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const p2 = (n: number): string => String(n).padStart(2, "0");

interface Parts { y: number; mo: number; d: number; h: number; mi: number; s: number; ms: number; wd: number }

function parts(t: number): Parts {
  const dt = new Date(t);
  return { y: dt.getUTCFullYear(), mo: dt.getUTCMonth(), d: dt.getUTCDate(), h: dt.getUTCHours(),
    mi: dt.getUTCMinutes(), s: dt.getUTCSeconds(), ms: dt.getUTCMilliseconds(), wd: dt.getUTCDay() };
}

let lastTime = { format: "", t: NaN, text: "" };

/** The virtual time `t` (ms since epoch, UTC) in a named log format. */
export function formatTime(format: string, t: number): string {
  // A program logs its lines at a few instants: format each instant once.
  if (t === lastTime.t && format === lastTime.format) return lastTime.text;
  const text = formatTimeUncached(format, t);
  lastTime = { format, t, text };
  return text;
}

function formatTimeUncached(format: string, t: number): string {
  const p = parts(t);
  const ymd = `${p.y}-${p2(p.mo + 1)}-${p2(p.d)}`;
  const hms = `${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}`;
  const ms3 = String(p.ms).padStart(3, "0");
  switch (format) {
    case "nginx": case "go": return `${p.y}/${p2(p.mo + 1)}/${p2(p.d)} ${hms}`;
    case "redis": return `${p2(p.d)} ${MONTHS[p.mo]} ${p.y} ${hms}.${ms3}`;
    case "pg": return `${ymd} ${hms}.${ms3} UTC`;
    case "rfc3339": return `${ymd}T${hms}Z`;
    case "rfc3339s": return `${ymd} ${hms}+00:00`;
    case "mysqld": return `${ymd}T${hms}.${ms3}000Z`;
    case "autoindex": return `${p2(p.d)}-${MONTHS[p.mo]}-${p.y} ${p2(p.h)}:${p2(p.mi)}`;
    case "clf": return `${p2(p.d)}/${MONTHS[p.mo]}/${p.y}:${hms} +0000`;
    case "httpd": return `${DAYS[p.wd]} ${MONTHS[p.mo]} ${p2(p.d)} ${hms}.${ms3}000 ${p.y}`;
    case "ctime": return `${DAYS[p.wd]} ${MONTHS[p.mo]} ${p2(p.d)} ${hms} ${p.y}`;
    case "python": return `${p2(p.d)}/${MONTHS[p.mo]}/${p.y} ${hms}`;
    case "gunicorn": return `${ymd} ${hms}`;
    case "fluentd": return `${ymd} ${hms} +0000`;
    case "phpfpm": return `${p2(p.d)}-${MONTHS[p.mo]}-${p.y} ${hms}`;
    case "mongo": return `${ymd}T${hms}.${ms3}+0000`;
    // mongod ≥ 4.4's JSON "$date": milliseconds and a numeric offset, never "Z".
    case "mongojson": return `${ymd}T${hms}.${ms3}+00:00`;
    // Go's time.RFC3339Nano (logrus TextFormatter in registry, grafana): trailing zeros dropped, and the dot with them.
    case "gonano": return `${ymd}T${hms}${p.ms ? `.${ms3}`.replace(/0+$/, "") : ""}Z`;
    // npm's debug log file name: the ISO time with ':' and '.' made '_'.
    case "npmlog": return `${ymd}T${p2(p.h)}_${p2(p.mi)}_${p2(p.s)}_${ms3}Z`;
    // dockerd's RFC3339NanoFixed: always nine digits.
    case "klog": return `${p2(p.mo + 1)}${p2(p.d)} ${hms}.${ms3}000`;
    case "nanofixed": return `${ymd}T${hms}.${ms3}000000Z`;
    // RabbitMQ ≥ 3.9's console log (Erlang logger): microseconds and the offset.
    case "rabbit": return `${ymd} ${hms}.${ms3}000+00:00`;
    // SQL Server's errorlog: hundredths of a second.
    case "mssql": return `${ymd} ${hms}.${ms3.slice(0, 2)}`;
    case "http": return `${DAYS[p.wd]}, ${p2(p.d)} ${MONTHS[p.mo]} ${p.y} ${hms} GMT`;
    case "date": return `${DAYS[p.wd]} ${MONTHS[p.mo]} ${String(p.d).padStart(2, " ")} ${hms} UTC ${p.y}`;
    default: return new Date(t).toISOString();
  }
}

const PLACEHOLDER = /\{(ts:[a-z0-9]+|[a-z][a-zA-Z]*(?::[A-Za-z0-9_]+)?)\}/g;

/**
 * Replaces placeholders. `vars` supplies plain names; `{uptime}` / `{uptime:go}` use `startMs`;
 * `{epoch}` is seconds since the epoch; `{query:NAME}` reads `vars["query:NAME"]`, `{env:NAME}`
 * `vars["env:NAME"]` or else the process environment `env` (empty when unset).
 */
export function render(text: string, t: number, vars: Record<string, string>, startMs?: number, env?: Record<string, string>): string {
  if (!text.includes("{")) return text;
  // Templates are few and rendered often (every log line, every HTTP answer): split each once
  // into literal text and placeholder keys.
  const parts = splitTemplate(text);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) out += value(parts[i]!) + parts[i + 1]!;
  return out;

  function value(key: string): string {
    if (key.startsWith("ts:")) return formatTime(key.slice(3), t);
    if (key === "epoch") return String(Math.floor(t / 1000));
    if (key === "uptime" && startMs !== undefined) return String((t - startMs) / 1000);
    if (key === "uptime:go" && startMs !== undefined) return formatGoDuration(t - startMs);
    if (key.startsWith("env:") && vars[key] === undefined) {
      const name = key.slice(4);
      return env && Object.hasOwn(env, name) ? env[name]! : "";
    }
    if (key.startsWith("query:") || key.startsWith("env:")) return vars[key] ?? "";
    return vars[key] ?? `{${key}}`;
  }
}

const splitCache = new Map<string, string[]>();

/** [literal, key, literal, key, …, literal]: the text around each placeholder. */
function splitTemplate(text: string): string[] {
  let parts = splitCache.get(text);
  if (parts) return parts;
  parts = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    parts.push(text.slice(last, m.index), m[1]!);
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  if (splitCache.size > 2000) splitCache.clear();
  splitCache.set(text, parts);
  return parts;
}
