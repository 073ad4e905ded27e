// Go's `%#v` of the few structured values the API server echoes in field errors
// (`map[string]string{"app":"x"}`, `v1.LabelSelector{...}`, `core.ServicePort{...}`), so that
// messages read exactly as a real cluster prints them. Go sorts map keys when printing.
import { goQuote, unquoted, type Unquoted } from "../validation/field-errors";
import { isRec, rec, str } from "./json";

const byGoOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function goMapBody(m: Record<string, unknown>): string {
  return Object.keys(m)
    .sort(byGoOrder)
    .map((k) => `${goQuote(k)}:${goQuote(String(m[k]))}`)
    .join(", ");
}

/** `map[string]string{"a":"b"}`; a missing map prints as the typed nil. */
export function goStringMap(m: unknown): Unquoted {
  if (!isRec(m)) return unquoted("map[string]string(nil)");
  return unquoted(`map[string]string{${goMapBody(m)}}`);
}

function goStringSlice(v: unknown): string {
  if (!Array.isArray(v)) return "[]string(nil)";
  return `[]string{${v.map((x) => goQuote(String(x))).join(", ")}}`;
}

function labelSelectorBody(sel: Record<string, unknown>, pkg: string): string {
  const ml = isRec(sel.matchLabels) ? `map[string]string{${goMapBody(sel.matchLabels)}}` : "map[string]string(nil)";
  const exprs = Array.isArray(sel.matchExpressions)
    ? `[]${pkg}.LabelSelectorRequirement{${sel.matchExpressions
        .map((e) => {
          const r = rec(e) ?? {};
          return `${pkg}.LabelSelectorRequirement{Key:${goQuote(str(r.key) ?? "")}, Operator:${goQuote(str(r.operator) ?? "")}, Values:${goStringSlice(r.values)}}`;
        })
        .join(", ")}}`
    : `[]${pkg}.LabelSelectorRequirement(nil)`;
  return `${pkg}.LabelSelector{MatchLabels:${ml}, MatchExpressions:${exprs}}`;
}

/** A `*metav1.LabelSelector` as field.Invalid prints it (the pointer is dereferenced first). */
export function goLabelSelector(sel: unknown): Unquoted | null {
  if (!isRec(sel)) return null;
  return unquoted(labelSelectorBody(sel, "v1"));
}

function goIntOrString(v: unknown): string {
  if (typeof v === "number") return `intstr.IntOrString{Type:0, IntVal:${v}, StrVal:""}`;
  if (typeof v === "string") return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`;
  return `intstr.IntOrString{Type:0, IntVal:0, StrVal:""}`;
}

/** `core.ServicePort{...}`: the key the duplicate-port checks report. */
export function goServicePort(p: { name?: string; protocol?: string; port?: number; targetPort?: unknown; nodePort?: number }): Unquoted {
  return unquoted(
    `core.ServicePort{Name:${goQuote(p.name ?? "")}, Protocol:${goQuote(p.protocol ?? "")}, AppProtocol:(*string)(nil), ` +
      `Port:${p.port ?? 0}, TargetPort:${goIntOrString(p.targetPort)}, NodePort:${p.nodePort ?? 0}}`,
  );
}

/** A struct we cannot print field-for-field: named like Go, with its JSON as the body. */
export function goOpaque(typeName: string, v: unknown): Unquoted {
  if (v === undefined || v === null) return unquoted("null");
  return unquoted(`${typeName}${JSON.stringify(v)}`);
}
