// The HTTP API: createApp() builds the Hono app (app.ts); schemas.ts holds the request/response
// schemas the OpenAPI document (openapi.ts, /openapi.json, /docs) is generated from; errors.ts the
// one error type; limits.ts the request limits.

export { createApp, type App, type AppOptions } from "./app";
export { ApiError, type ErrorCode } from "./errors";
export { API_LIMITS } from "./limits";
export { openApiDocument } from "./openapi";
