// Reading a JSON request body at the boundary: content type (415), size (413, counted on the
// stream whatever Content-Length claims), JSON syntax (400 bad_json), then the zod schema
// (400 invalid_request with one issue per wrong field). Past this point the routes trust the types.

import type { Context } from "hono";
import type { z } from "zod";
import { formatIssues } from "../grading";
import { ApiError } from "./errors";
import { API_LIMITS } from "./limits";

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header("content-type") ?? "";
  if (!JSON_TYPE.test(type)) {
    throw new ApiError(
      "unsupported_media_type",
      `unsupported content type ${type ? JSON.stringify(type) : "(none)"}: send a JSON body with Content-Type: application/json`,
    );
  }
  const text = await readText(c.req.raw, API_LIMITS.bodyBytes);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new ApiError("bad_json", `malformed JSON body: ${err instanceof Error ? err.message : String(err)}`);
  }
  return validate(schema, doc, "invalid request body");
}

export function validate<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = formatIssues(parsed.error).map((i) => ({ path: i.path || "(root)", message: i.message }));
    throw new ApiError("invalid_request", `${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
  }
  return parsed.data;
}

async function readText(req: Request, max: number): Promise<string> {
  const tooLarge = () => new ApiError("payload_too_large", `request body larger than ${max / 1024} KiB`);
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > max) throw tooLarge();
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const ch of chunks) {
    all.set(ch, at);
    at += ch.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(all);
  } catch {
    throw new ApiError("bad_json", "request body is not valid UTF-8");
  }
}
