// Mirrors k8s.io/apimachinery/pkg/util/validation/field (field.Error and its rendering) and
// pkg/api/errors (StatusError: reason, code, message, causes). kubectl renders an Invalid
// status from its causes ("The Pod \"x\" is invalid: …"), everything else as
// "Error from server (<Reason>): <message>".

import { goSharpV } from "../../cli/format/go-fmt";
import { OutcomeError } from "../../outcome-error";

export type FieldErrorType = "Required" | "Invalid" | "Unsupported" | "Duplicate" | "Forbidden" | "TooLong" | "NotFound" | "TooMany";

export interface FieldError {
  type: FieldErrorType;
  field: string;
  /** The offending value (Invalid/Unsupported/Duplicate/NotFound). */
  value?: unknown;
  detail?: string;
  /** Unsupported: the allowed values. */
  supported?: string[];
  /** A value already rendered in Go syntax (map[string]string{…}, intstr.IntOrString{…}). */
  rendered?: string;
}

export const required = (field: string, detail?: string): FieldError => ({ type: "Required", field, detail });
export const invalid = (field: string, value: unknown, detail: string, rendered?: string): FieldError => ({ type: "Invalid", field, value, detail, rendered });
export const unsupported = (field: string, value: unknown, supported: string[]): FieldError => ({ type: "Unsupported", field, value, supported });
export const duplicate = (field: string, value: unknown): FieldError => ({ type: "Duplicate", field, value });
export const forbidden = (field: string, detail: string): FieldError => ({ type: "Forbidden", field, detail });
export const tooLong = (field: string, max: number): FieldError => ({ type: "TooLong", field, detail: `must have at most ${max} bytes` });
export const notFound = (field: string, value: unknown): FieldError => ({ type: "NotFound", field, value });

/** field.Error.Error(): "<field>: <Type text>: <value>: <detail>". */
export function formatFieldError(e: FieldError): string {
  const head = `${e.field}: `;
  switch (e.type) {
    case "Required":
      return `${head}Required value${e.detail ? `: ${e.detail}` : ""}`;
    case "Forbidden":
      return `${head}Forbidden${e.detail ? `: ${e.detail}` : ""}`;
    case "TooLong":
      return `${head}Too long: ${e.detail}`;
    case "TooMany":
      return `${head}Too many: ${e.detail}`;
    case "Unsupported": {
      const sup = (e.supported ?? []).map((s) => JSON.stringify(s)).join(", ");
      return `${head}Unsupported value: ${renderValue(e)}${sup ? `: supported values: ${sup}` : ""}`;
    }
    case "Duplicate":
      return `${head}Duplicate value: ${renderValue(e)}`;
    case "NotFound":
      return `${head}Not found: ${renderValue(e)}`;
    case "Invalid":
      return `${head}Invalid value: ${renderValue(e)}${e.detail ? `: ${e.detail}` : ""}`;
  }
}

function renderValue(e: FieldError): string {
  if (e.rendered !== undefined) return e.rendered;
  const v = e.value;
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v === null || v === undefined) return "null";
  return goSharpV(v);
}

export type StatusReason =
  | "NotFound" | "AlreadyExists" | "Invalid" | "BadRequest" | "Forbidden" | "Conflict" | "MethodNotAllowed" | "InternalError"
  | "TooManyRequests";

const CODES: Record<StatusReason, number> = {
  NotFound: 404, AlreadyExists: 409, Invalid: 422, BadRequest: 400, Forbidden: 403, Conflict: 409, MethodNotAllowed: 405, InternalError: 500, TooManyRequests: 429,
};

/** An API Status error. Thrown by the API server; kubectl renders it. */
export class StatusError extends OutcomeError {
  readonly code: number;
  constructor(
    readonly reason: StatusReason,
    message: string,
    /** For Invalid: the kind, the group-qualified kind ("Deployment.apps"), the name and causes. */
    readonly details?: { kind: string; qualifiedKind: string; name: string; causes: FieldError[] },
  ) {
    super(message);
    this.code = CODES[reason];
  }
}

/** NewInvalid: `<Kind.group> "<name>" is invalid: <causes joined by ", ">`. */
export function invalidError(kind: string, group: string, name: string, causes: FieldError[]): StatusError {
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  const list = causes.map(formatFieldError);
  const msg = `${qualifiedKind} "${name}" is invalid: ${list.length === 1 ? list[0] : `[${list.join(", ")}]`}`;
  return new StatusError("Invalid", msg, { kind, qualifiedKind, name, causes });
}

export const notFoundError = (resource: string, name: string) => new StatusError("NotFound", `${resource} "${name}" not found`);
export const alreadyExistsError = (resource: string, name: string) => new StatusError("AlreadyExists", `${resource} "${name}" already exists`);

/**
 * kubectl's rendering (cmdutil.CheckErr / StandardErrorMessage). `source` ("error when creating
 * \"x.yaml\": ") is inserted after the reason, as the resource builder wraps -f errors.
 */
export function renderStatusError(err: StatusError, source = ""): string {
  if (err.reason === "Invalid" && err.details && !source) {
    const causes = err.details.causes.map(formatFieldError);
    if (causes.length === 1) return `The ${err.details.kind} "${err.details.name}" is invalid: ${causes[0]}`;
    return `The ${err.details.kind} "${err.details.name}" is invalid: \n${causes.map((c) => `* ${c}`).join("\n")}`;
  }
  return `Error from server (${err.reason}): ${source}${err.message}`;
}
