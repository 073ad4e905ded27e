// Field selectors (`?fieldSelector=`): the parser of k8s.io/apimachinery/pkg/fields with its
// escaping rules, the per-kind field label conversions that decide which fields the server
// accepts, and the selectable field sets the registries expose per kind.
import type { KubeObject } from "../kinds";
import { SelectorError } from "./selector-error";

export { SelectorError } from "./selector-error";

export type FieldOperator = "=" | "==" | "!=";

export interface FieldTerm {
  field: string;
  operator: FieldOperator;
  /** unescaped */
  value: string;
}

export interface FieldSelector {
  /** ANDed; in the order of the sorted raw terms, as upstream parses them */
  terms: FieldTerm[];
}

/** Splits on commas not escaped by a backslash; escapes stay in the pieces. */
function splitTerms(s: string): string[] {
  if (s.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inSlash) inSlash = false;
    else if (c === "\\") inSlash = true;
    else if (c === ",") {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

const termOperators: FieldOperator[] = ["!=", "==", "="];

/** The first operator occurrence splits the term: field names cannot be escaped. */
function splitTerm(term: string): [string, FieldOperator, string] | null {
  for (let i = 0; i < term.length; i++) {
    for (const op of termOperators) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return null;
}

/** fields.UnescapeValue; Go prints the offending rune with %v, i.e. as its code point number. */
export function unescapeFieldValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = "";
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c === "\\" || c === "," || c === "=") out += c;
      else throw new SelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      inSlash = false;
      continue;
    }
    if (c === "\\") inSlash = true;
    else if (c === "," || c === "=") {
      throw new SelectorError(`invalid field selector: unescaped character in value: ${c.codePointAt(0) ?? 0}`);
    } else out += c;
  }
  if (inSlash) throw new SelectorError("invalid field selector: invalid escape sequence: \\");
  return out;
}

export function escapeFieldValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** fields.ParseSelector. Throws SelectorError with the server's text; "" selects everything. */
export function parseFieldSelector(s: string): FieldSelector {
  const parts = splitTerms(s).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const terms: FieldTerm[] = [];
  for (const part of parts) {
    if (part === "") continue;
    const split = splitTerm(part);
    if (!split) throw new SelectorError(`invalid selector: '${s}'; can't understand '${part}'`);
    const [field, operator, raw] = split;
    terms.push({ field, operator, value: unescapeFieldValue(raw) });
  }
  return { terms };
}

/** A missing field reads as "", as fields.Set.Get does. */
export function matchesFields(sel: FieldSelector, fields: Record<string, string>): boolean {
  return sel.terms.every((t) => {
    const actual = Object.prototype.hasOwnProperty.call(fields, t.field) ? fields[t.field] : "";
    return t.operator === "!=" ? actual !== t.value : actual === t.value;
  });
}

export function fieldSelectorToString(sel: FieldSelector): string {
  return sel.terms.map((t) => `${t.field}${t.operator === "!=" ? "!=" : "="}${escapeFieldValue(t.value)}`).join(",");
}

/** Kinds whose group registers a field label conversion; every other kind accepts metadata.name/namespace only. */
const customConversions: Record<string, readonly string[]> = {
  Pod: [
    "metadata.name",
    "metadata.namespace",
    "spec.nodeName",
    "spec.restartPolicy",
    "spec.schedulerName",
    "spec.serviceAccountName",
    "spec.hostNetwork",
    "status.phase",
    "status.podIP",
    "status.podIPs",
    "status.nominatedNodeName",
  ],
  Node: ["metadata.name", "spec.unschedulable"],
  ReplicationController: ["metadata.name", "metadata.namespace", "status.replicas"],
  Event: [
    "involvedObject.kind",
    "involvedObject.namespace",
    "involvedObject.name",
    "involvedObject.uid",
    "involvedObject.apiVersion",
    "involvedObject.resourceVersion",
    "involvedObject.fieldPath",
    "reason",
    "reportingComponent",
    "source",
    "type",
    "metadata.namespace",
    "metadata.name",
  ],
  Namespace: ["status.phase", "metadata.name"],
  Secret: ["type", "metadata.namespace", "metadata.name"],
  Service: ["metadata.namespace", "metadata.name", "spec.clusterIP", "spec.type"],
  Job: ["metadata.name", "metadata.namespace", "status.successful"],
};

const defaultFields: readonly string[] = ["metadata.name", "metadata.namespace"];

/** Field labels the server accepts in a field selector for this kind. */
export function supportedFields(kind: string): readonly string[] {
  return Object.prototype.hasOwnProperty.call(customConversions, kind) ? customConversions[kind] : defaultFields;
}

/** The server's refusal text for a field label a kind does not support (answered as 400 BadRequest). */
export function unsupportedFieldError(kind: string, field: string): string {
  if (kind === "Job") return `field label "${field}" not supported for Job`;
  if (Object.prototype.hasOwnProperty.call(customConversions, kind)) return `field label not supported: ${field}`;
  return `"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`;
}

/**
 * The conversion step the server runs before listing: rejects unsupported fields (SelectorError)
 * and maps the legacy Pod alias `spec.host` to `spec.nodeName`.
 */
export function convertFieldSelector(kind: string, sel: FieldSelector): FieldSelector {
  const allowed = supportedFields(kind);
  const terms = sel.terms.map((t): FieldTerm => {
    if (kind === "Pod" && t.field === "spec.host") return { ...t, field: "spec.nodeName" };
    if (!allowed.includes(t.field)) throw new SelectorError(unsupportedFieldError(kind, t.field));
    return t;
  });
  return { terms };
}

const clusterScopedKinds = new Set([
  "Node",
  "Namespace",
  "PersistentVolume",
  "StorageClass",
  "ClusterRole",
  "ClusterRoleBinding",
  "CustomResourceDefinition",
  "PriorityClass",
  "IngressClass",
  "APIService",
  "CSIDriver",
  "CSINode",
  "RuntimeClass",
  "ValidatingWebhookConfiguration",
  "MutatingWebhookConfiguration",
  "CertificateSigningRequest",
]);

function pick(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

const str = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : "");
const num = (v: unknown): string => String(typeof v === "number" ? Math.trunc(v) : 0);
const bool = (v: unknown): string => (v === true ? "true" : "false");

function podIP(obj: KubeObject): string {
  const ips = pick(obj, "status.podIPs");
  if (Array.isArray(ips) && ips.length > 0) return str(pick(ips[0], "ip"));
  return str(pick(obj, "status.podIP"));
}

type FieldGetter = (obj: KubeObject) => Record<string, string>;

const kindFields: Record<string, FieldGetter> = {
  Pod: (o) => ({
    "spec.nodeName": str(pick(o, "spec.nodeName")),
    "spec.restartPolicy": str(pick(o, "spec.restartPolicy")),
    "spec.schedulerName": str(pick(o, "spec.schedulerName")),
    "spec.serviceAccountName": str(pick(o, "spec.serviceAccountName")),
    "spec.hostNetwork": bool(pick(o, "spec.hostNetwork")),
    "status.phase": str(pick(o, "status.phase")),
    "status.podIP": podIP(o),
    "status.nominatedNodeName": str(pick(o, "status.nominatedNodeName")),
  }),
  Event: (o) => ({
    "involvedObject.kind": str(pick(o, "involvedObject.kind")),
    "involvedObject.namespace": str(pick(o, "involvedObject.namespace")),
    "involvedObject.name": str(pick(o, "involvedObject.name")),
    "involvedObject.uid": str(pick(o, "involvedObject.uid")),
    "involvedObject.apiVersion": str(pick(o, "involvedObject.apiVersion")),
    "involvedObject.resourceVersion": str(pick(o, "involvedObject.resourceVersion")),
    "involvedObject.fieldPath": str(pick(o, "involvedObject.fieldPath")),
    reason: str(pick(o, "reason")),
    reportingComponent: str(pick(o, "reportingComponent")),
    source: str(pick(o, "source.component")) || str(pick(o, "reportingComponent")),
    type: str(pick(o, "type")),
  }),
  Secret: (o) => ({ type: str(pick(o, "type")) }),
  Namespace: (o) => ({ "status.phase": str(pick(o, "status.phase")) }),
  Node: (o) => ({ "spec.unschedulable": bool(pick(o, "spec.unschedulable")) }),
  ReplicaSet: (o) => ({ "status.replicas": num(pick(o, "status.replicas")) }),
  ReplicationController: (o) => ({ "status.replicas": num(pick(o, "status.replicas")) }),
  Job: (o) => ({ "status.successful": num(pick(o, "status.succeeded")) }),
  Service: (o) => ({ "spec.clusterIP": str(pick(o, "spec.clusterIP")), "spec.type": str(pick(o, "spec.type")) }),
};

/** The selectable fields of an object: metadata.name (+ metadata.namespace when namespaced) and the kind's own. */
export function fieldsOf(kind: string, obj: KubeObject): Record<string, string> {
  const fields: Record<string, string> = { "metadata.name": obj.metadata.name ?? "" };
  if (!clusterScopedKinds.has(kind)) fields["metadata.namespace"] = obj.metadata.namespace ?? "";
  const extra = Object.prototype.hasOwnProperty.call(kindFields, kind) ? kindFields[kind](obj) : {};
  return { ...fields, ...extra };
}

/** Parse, convert for the kind, and return a predicate over objects of that kind. */
export function compileFieldSelector(kind: string, s: string): (obj: KubeObject) => boolean {
  const sel = convertFieldSelector(kind, parseFieldSelector(s));
  if (sel.terms.length === 0) return () => true;
  return (obj) => matchesFields(sel, fieldsOf(kind, obj));
}
