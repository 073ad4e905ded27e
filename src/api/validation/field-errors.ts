// field.Error of k8s.io/apimachinery, rendered the way the API server renders it:
// a StatusCause carries `ErrorBody()` as its message and the path as its field, and the
// Status message joins `<field>: <body>` entries (see invalidStatusMessage).
import type { FieldCause } from "../resource";

export const CauseType = {
  NotFound: "FieldValueNotFound",
  Required: "FieldValueRequired",
  Duplicate: "FieldValueDuplicate",
  Invalid: "FieldValueInvalid",
  NotSupported: "FieldValueNotSupported",
  Forbidden: "FieldValueForbidden",
  TooLong: "FieldValueTooLong",
  TooMany: "FieldValueTooMany",
  Internal: "InternalError",
} as const;

/** A value whose Go type has a String() method (IntOrString, Quantity): printed bare, not quoted. */
export class Unquoted {
  constructor(readonly text: string) {}
}
export const unquoted = (text: string): Unquoted => new Unquoted(text);

const simpleEscapes: Record<string, string> = {
  "\x07": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
  '"': '\\"',
  "\\": "\\\\",
};

const hex = (n: number, width: number): string => n.toString(16).padStart(width, "0");

/** Go's strconv.Quote (what `%q` prints): printable runes kept, the rest escaped. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const esc = simpleEscapes[ch];
    if (esc !== undefined) {
      out += esc;
      continue;
    }
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`;
    else if (cp < 0x7f) out += ch;
    else if (!/^[\p{C}\p{Z}]$/u.test(ch)) out += ch;
    else if (cp < 0x10000) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
  }
  return out + '"';
}

/** The `%v`/`%q`/`%#v` choice field.Error makes for a bad value. */
export function renderValue(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof Unquoted) return value.text;
  if (typeof value === "string") return goQuote(value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
    return `[]string{${value.map((v: string) => goQuote(v)).join(", ")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function cause(reason: string, field: string, message: string): FieldCause {
  return { reason, field, message };
}

const withDetail = (head: string, detail: string | undefined): string => (detail ? `${head}: ${detail}` : head);

export function required(field: string, detail = ""): FieldCause {
  return cause(CauseType.Required, field, withDetail("Required value", detail));
}

export function invalid(field: string, value: unknown, detail = ""): FieldCause {
  return cause(CauseType.Invalid, field, withDetail(`Invalid value: ${renderValue(value)}`, detail));
}

export function notSupported(field: string, value: unknown, supported: readonly string[]): FieldCause {
  const detail = supported.length > 0 ? `supported values: ${supported.map(goQuote).join(", ")}` : "";
  return cause(CauseType.NotSupported, field, withDetail(`Unsupported value: ${renderValue(value)}`, detail));
}

export function duplicate(field: string, value: unknown): FieldCause {
  return cause(CauseType.Duplicate, field, `Duplicate value: ${renderValue(value)}`);
}

export function notFound(field: string, value: unknown): FieldCause {
  return cause(CauseType.NotFound, field, `Not found: ${renderValue(value)}`);
}

export function forbidden(field: string, detail: string): FieldCause {
  return cause(CauseType.Forbidden, field, withDetail("Forbidden", detail));
}

/** field.TooLong: the too-long value itself is never echoed. */
export function tooLong(field: string, maxLength: number): FieldCause {
  return cause(CauseType.TooLong, field, `Too long: must have at most ${maxLength} bytes`);
}

/** field.TooLongMaxLength, used by a few validators that count characters rather than bytes. */
export function tooLongMaxLength(field: string, maxLength: number): FieldCause {
  const detail = maxLength >= 0 ? `may not be longer than ${maxLength}` : "value is too long";
  return cause(CauseType.TooLong, field, `Too long: ${detail}`);
}

export function tooMany(field: string, actual: number, max: number): FieldCause {
  const detail = max >= 0 ? `must have at most ${max} items` : "has too many items";
  return cause(CauseType.TooMany, field, actual >= 0 ? `Too many: ${actual}: ${detail}` : `Too many: ${detail}`);
}

export function internalError(field: string, detail: string): FieldCause {
  return cause(CauseType.Internal, field, withDetail("Internal error", detail));
}

/** field.Error.Error(): `<field>: <body>`. */
export const causeToString = (c: FieldCause): string => `${c.field}: ${c.message}`;

/** utilerrors.Aggregate.Error(): one message bare, several de-duplicated inside brackets. */
export function aggregateMessage(messages: readonly string[]): string {
  const seen = [...new Set(messages)];
  if (seen.length === 0) return "";
  if (seen.length === 1) return seen[0];
  return `[${seen.join(", ")}]`;
}

/**
 * The Status message of a 422 Invalid answer, e.g. `Deployment.apps "web" is invalid: spec.replicas: ...`.
 * `group` is "" for the core group.
 */
export function invalidStatusMessage(group: string, kind: string, name: string, causes: readonly FieldCause[]): string {
  const qualified = group ? `${kind}.${group}` : kind;
  const head = `${qualified} ${goQuote(name)} is invalid`;
  return causes.length === 0 ? head : `${head}: ${aggregateMessage(causes.map(causeToString))}`;
}

/** Byte length as Go's len(string) counts it. */
export function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}
