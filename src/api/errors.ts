// The API's one error type and its one mapping to JSON (Hono's HTTPException + onError habit).
// Every expected failure is thrown as an ApiError and answered as
//   { "error": { "code": "...", "message": "...", "issues"?: [{ "path": "...", "message": "..." }] } }
// Anything else is a bug: it is logged and answered as a 500 in the same shape (tests assert
// that no input reaches it).

import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export const ERROR_CODES = {
  bad_json: 400,
  invalid_request: 400,
  empty_submission: 400,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface Issue {
  path: string;
  message: string;
}

export class ApiError extends HTTPException {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(ERROR_CODES[code], { message });
  }
}

export function errorBody(code: ErrorCode, message: string, issues?: Issue[]) {
  return { error: { code, message, ...(issues?.length ? { issues } : {}) } };
}

/** app.onError: ApiError → its JSON; Hono's own HTTPExceptions keep their status; bugs → 500. */
export function onError(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    return c.json(errorBody(err.code, err.message, err.issues), ERROR_CODES[err.code]);
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code = (Object.keys(ERROR_CODES) as ErrorCode[]).find((k) => ERROR_CODES[k] === status) ?? "invalid_request";
    return c.json(errorBody(code, err.message || "request failed"), status);
  }
  console.error("clustergrade: unhandled error", err);
  return c.json(errorBody("internal", "internal error"), 500);
}

/** app.notFound: unknown paths answer in the same JSON shape. */
export function notFound(c: Context): Response {
  return c.json(errorBody("not_found", `no route for ${c.req.method} ${c.req.path}`), 404);
}
