// One term of a label selector (labels.Requirement): construction-time checks with the
// upstream error texts, matching against a label set, and its canonical string form.
import { invalid, causeToString, aggregateMessage } from "../validation/field-errors";
import { isQualifiedName, isValidLabelValue } from "../validation/names";
import { SelectorError } from "./selector-error";

/** selection.Operator values. */
export type SelectorOperator = "in" | "notin" | "=" | "==" | "!=" | "exists" | "!" | "gt" | "lt";

export interface Requirement {
  key: string;
  operator: SelectorOperator;
  /** as given; String() sorts them for display */
  values: string[];
}

/** labels.Parse's error for a bad key: the parser passes a nil field path, which Go prints as `<nil>`. */
export function labelKeyError(key: string, path: string): string | null {
  const errs = isQualifiedName(key);
  return errs.length === 0 ? null : causeToString(invalid(path, key, errs.join("; ")));
}

const int64Pattern = /^[+-]?[0-9]+$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strconv.ParseInt(s, 10, 64), or null where Go would fail. */
export function parseInt64(s: string): bigint | null {
  if (!int64Pattern.test(s)) return null;
  const v = BigInt(s);
  return v < INT64_MIN || v > INT64_MAX ? null : v;
}

/** labels.NewRequirement: throws the aggregated field errors exactly as Go's error string reads. */
export function newRequirement(key: string, operator: SelectorOperator, values: string[]): Requirement {
  const errs: string[] = [];
  const keyErr = labelKeyError(key, "key");
  if (keyErr) errs.push(keyErr);
  switch (operator) {
    case "in":
    case "notin":
      if (values.length === 0) errs.push(causeToString(invalid("values", values, "for 'in', 'notin' operators, values set can't be empty")));
      break;
    case "=":
    case "==":
    case "!=":
      if (values.length !== 1) errs.push(causeToString(invalid("values", values, "exact-match compatibility requires one single value")));
      break;
    case "exists":
    case "!":
      if (values.length !== 0) errs.push(causeToString(invalid("values", values, "values set must be empty for exists and does not exist")));
      break;
    case "gt":
    case "lt":
      if (values.length !== 1) errs.push(causeToString(invalid("values", values, "for 'Gt', 'Lt' operators, exactly one value is required")));
      values.forEach((v, i) => {
        if (parseInt64(v) === null) {
          errs.push(causeToString(invalid(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer")));
        }
      });
      break;
  }
  values.forEach((v, i) => {
    const msgs = isValidLabelValue(v);
    if (msgs.length > 0) errs.push(causeToString(invalid(`values[${i}][${key}]`, v, msgs.join("; "))));
  });
  if (errs.length > 0) throw new SelectorError(aggregateMessage(errs));
  return { key, operator, values: [...values] };
}

export function requirementMatches(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  switch (r.operator) {
    case "in":
    case "=":
    case "==":
      return has && r.values.includes(labels[r.key]);
    case "notin":
    case "!=":
      return !has || !r.values.includes(labels[r.key]);
    case "exists":
      return has;
    case "!":
      return !has;
    case "gt":
    case "lt": {
      if (!has || r.values.length !== 1) return false;
      const actual = parseInt64(labels[r.key]);
      const bound = parseInt64(r.values[0]);
      if (actual === null || bound === null) return false;
      return r.operator === "gt" ? actual > bound : actual < bound;
    }
  }
}

const opText: Record<SelectorOperator, string> = {
  "=": "=",
  "==": "==",
  "!=": "!=",
  in: " in ",
  notin: " notin ",
  gt: ">",
  lt: "<",
  exists: "",
  "!": "",
};

/** Requirement.String(): `!k`, `k`, `k=v`, `k in (a,b)` with set values sorted. */
export function requirementToString(r: Requirement): string {
  if (r.operator === "exists") return r.key;
  if (r.operator === "!") return `!${r.key}`;
  const values = r.values.length === 1 ? r.values[0] : [...r.values].sort(compareGoStrings).join(",");
  const body = r.operator === "in" || r.operator === "notin" ? `(${values})` : values;
  return `${r.key}${opText[r.operator]}${body}`;
}

/** Go compares strings bytewise; for the ASCII of label keys and values that is code-unit order. */
export function compareGoStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
