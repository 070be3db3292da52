// Content addressing: a submission's id is the SHA-256 of its scenario and its canonical JSON
// (keys sorted), so the same answer to the same scenario is stored once however it was sent.

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The submission id: sha256(scenario id + NUL + canonical submission JSON). */
export function submissionId(scenarioId: string, submission: unknown): Promise<string> {
  return sha256Hex(`${scenarioId}\0${canonicalJson(submission)}`);
}
