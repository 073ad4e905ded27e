// The string validators of k8s.io/apimachinery/pkg/util/validation and the ObjectMeta
// checks built on them, with the v1.32 message texts (lengths say "characters").
import type { FieldCause } from "../resource";
import { forbidden, invalid, required, tooLong, utf8Length } from "./field-errors";

export {
  CauseType,
  aggregateMessage,
  causeToString,
  duplicate,
  forbidden,
  goQuote,
  internalError,
  invalid,
  invalidStatusMessage,
  notFound,
  notSupported,
  renderValue,
  required,
  tooLong,
  tooLongMaxLength,
  tooMany,
  unquoted,
} from "./field-errors";

export const maxLenError = (length: number): string => `must be no more than ${length} characters`;
export const emptyError = (): string => "must be non-empty";
export const inclusiveRangeError = (lo: number, hi: number): string => `must be between ${lo} and ${hi}, inclusive`;

/** validation.RegexError: note the double space Go's loop leaves before each " or ". */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  const shown = examples.map((e) => `'${e}', `).join(" or ");
  return `${msg} (e.g. ${shown}regex used for validation is '${fmt}')`;
}

const anchored = (fmt: string): RegExp => new RegExp(`^(?:${fmt})$`);

const dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const dns1123LabelErrMsg =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
export const DNS1123LabelMaxLength = 63;
const dns1123LabelRegexp = anchored(dns1123LabelFmt);

const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const dns1123SubdomainErrorMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
export const DNS1123SubdomainMaxLength = 253;
const dns1123SubdomainRegexp = anchored(dns1123SubdomainFmt);

const dns1035LabelFmt = "[a-z]([-a-z0-9]*[a-z0-9])?";
const dns1035LabelErrMsg =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
export const DNS1035LabelMaxLength = 63;
const dns1035LabelRegexp = anchored(dns1035LabelFmt);

const qnameCharFmt = "[A-Za-z0-9]";
const qnameExtCharFmt = "[-A-Za-z0-9_.]";
const qualifiedNameFmt = `(${qnameCharFmt}${qnameExtCharFmt}*)?${qnameCharFmt}`;
const qualifiedNameErrMsg =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
export const QualifiedNameMaxLength = 63;
const qualifiedNameRegexp = anchored(qualifiedNameFmt);

const labelValueFmt = `(${qualifiedNameFmt})?`;
const labelValueErrMsg =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
export const LabelValueMaxLength = 63;
const labelValueRegexp = anchored(labelValueFmt);

export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > DNS1123LabelMaxLength) errs.push(maxLenError(DNS1123LabelMaxLength));
  if (!dns1123LabelRegexp.test(value)) {
    // a valid subdomain that is not a valid label can only be failing on its dots
    if (dns1123SubdomainRegexp.test(value)) errs.push("must not contain dots");
    else errs.push(regexError(dns1123LabelErrMsg, dns1123LabelFmt, "my-name", "123-abc"));
  }
  return errs;
}

export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > DNS1123SubdomainMaxLength) errs.push(maxLenError(DNS1123SubdomainMaxLength));
  if (!dns1123SubdomainRegexp.test(value)) errs.push(regexError(dns1123SubdomainErrorMsg, dns1123SubdomainFmt, "example.com"));
  return errs;
}

export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > DNS1035LabelMaxLength) errs.push(maxLenError(DNS1035LabelMaxLength));
  if (!dns1035LabelRegexp.test(value)) errs.push(regexError(dns1035LabelErrMsg, dns1035LabelFmt, "my-name", "abc-123"));
  return errs;
}

/** Label keys, annotation keys, finalizers: `[prefix/]name`. */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split("/");
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push(`prefix part ${emptyError()}`);
    else errs.push(...isDNS1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [
      `a qualified name ${regexError(qualifiedNameErrMsg, qualifiedNameFmt, "MyName", "my.name", "123-abc")}` +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errs.push(`name part ${emptyError()}`);
  else if (utf8Length(name) > QualifiedNameMaxLength) errs.push(`name part ${maxLenError(QualifiedNameMaxLength)}`);
  if (!qualifiedNameRegexp.test(name)) {
    errs.push(`name part ${regexError(qualifiedNameErrMsg, qualifiedNameFmt, "MyName", "my.name", "123-abc")}`);
  }
  return errs;
}

export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > LabelValueMaxLength) errs.push(maxLenError(LabelValueMaxLength));
  if (!labelValueRegexp.test(value)) errs.push(regexError(labelValueErrMsg, labelValueFmt, "MyValue", "my_value", "12345"));
  return errs;
}

/** generateName may end in '-': validate it as if a random suffix had been appended. */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith("-") ? `${name.slice(0, -2)}a` : name;
}

export type NameRule = "subdomain" | "label" | "dns1035";

/** apimachinery ValidateNameFunc: NameIsDNSSubdomain, NameIsDNSLabel, NameIsDNS1035Label. */
export function validateName(rule: NameRule, name: string, prefix: boolean): string[] {
  const value = prefix ? maskTrailingDash(name) : name;
  if (rule === "label") return isDNS1123Label(value);
  if (rule === "dns1035") return isDNS1035Label(value);
  return isDNS1123Subdomain(value);
}

/** metadata.name / metadata.generateName on create. */
export function validateObjectMetaName(
  meta: { name?: string; generateName?: string },
  rule: NameRule = "subdomain",
  fieldPath = "metadata",
): FieldCause[] {
  const causes: FieldCause[] = [];
  const generateName = meta.generateName ?? "";
  const name = meta.name ?? "";
  if (generateName.length > 0) {
    for (const msg of validateName(rule, generateName, true)) causes.push(invalid(`${fieldPath}.generateName`, generateName, msg));
  }
  if (name.length === 0) {
    causes.push(required(`${fieldPath}.name`, "name or generateName is required"));
  } else {
    for (const msg of validateName(rule, name, false)) causes.push(invalid(`${fieldPath}.name`, name, msg));
  }
  return causes;
}

export function validateLabelName(key: string, fieldPath: string): FieldCause[] {
  return isQualifiedName(key).map((msg) => invalid(fieldPath, key, msg));
}

/** metav1validation.ValidateLabels: every error is reported on the map's path, not the key's. */
export function validateLabels(labels: Record<string, string> | undefined | null, fieldPath: string): FieldCause[] {
  const causes: FieldCause[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    causes.push(...validateLabelName(k, fieldPath));
    for (const msg of isValidLabelValue(String(v))) causes.push(invalid(fieldPath, String(v), msg));
  }
  return causes;
}

export const TotalAnnotationSizeLimitB = 256 * (1 << 10);

/** Keys are qualified names compared case-insensitively; keys and values together fit in 256 KiB. */
export function validateAnnotations(annotations: Record<string, string> | undefined | null, fieldPath: string): FieldCause[] {
  const causes: FieldCause[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    for (const msg of isQualifiedName(k.toLowerCase())) causes.push(invalid(fieldPath, k, msg));
    total += utf8Length(k) + utf8Length(String(v));
  }
  if (total > TotalAnnotationSizeLimitB) causes.push(tooLong(fieldPath, TotalAnnotationSizeLimitB));
  return causes;
}

export function validateFinalizers(finalizers: readonly string[] | undefined | null, fieldPath: string): FieldCause[] {
  const causes: FieldCause[] = [];
  const list = finalizers ?? [];
  for (const f of list) causes.push(...isQualifiedName(f).map((msg) => invalid(fieldPath, f, msg)));
  if (list.includes("orphan") && list.includes("foregroundDeletion")) {
    causes.push(invalid(fieldPath, [...list], "finalizer orphan and foregroundDeletion cannot be both set"));
  }
  return causes;
}

export const IsNegativeErrorMsg = "must be greater than or equal to 0";

export function validateNonnegativeField(value: number, fieldPath: string): FieldCause[] {
  return value < 0 ? [invalid(fieldPath, value, IsNegativeErrorMsg)] : [];
}

export interface ObjectMetaLike {
  name?: string;
  generateName?: string;
  namespace?: string;
  generation?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
}

/** ValidateObjectMeta for create: name, namespace (required iff namespaced), labels, annotations, finalizers. */
export function validateObjectMeta(
  meta: ObjectMetaLike,
  opts: { namespaced: boolean; nameRule?: NameRule },
  fieldPath = "metadata",
): FieldCause[] {
  const causes = validateObjectMetaName(meta, opts.nameRule ?? "subdomain", fieldPath);
  const ns = meta.namespace ?? "";
  if (opts.namespaced) {
    if (ns.length === 0) causes.push(required(`${fieldPath}.namespace`));
    else for (const msg of isDNS1123Label(ns)) causes.push(invalid(`${fieldPath}.namespace`, ns, msg));
  } else if (ns.length > 0) {
    causes.push(forbidden(`${fieldPath}.namespace`, "not allowed on this type"));
  }
  causes.push(...validateNonnegativeField(meta.generation ?? 0, `${fieldPath}.generation`));
  causes.push(...validateLabels(meta.labels, `${fieldPath}.labels`));
  causes.push(...validateAnnotations(meta.annotations, `${fieldPath}.annotations`));
  causes.push(...validateFinalizers(meta.finalizers, `${fieldPath}.finalizers`));
  return causes;
}

const percentFmt = "[0-9]+%";
const percentErrMsg = "a valid percent string must be a numeric string followed by an ending '%'";
const percentRegexp = anchored(percentFmt);

export function isValidPercent(percent: string): string[] {
  return percentRegexp.test(percent) ? [] : [regexError(percentErrMsg, percentFmt, "1%", "93%")];
}

const configMapKeyFmt = "[-._a-zA-Z0-9]+";
const configMapKeyErrMsg = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
const configMapKeyRegexp = anchored(configMapKeyFmt);

/** Keys of ConfigMap/Secret data. */
export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > DNS1123SubdomainMaxLength) errs.push(maxLenError(DNS1123SubdomainMaxLength));
  if (!configMapKeyRegexp.test(value)) errs.push(regexError(configMapKeyErrMsg, configMapKeyFmt, "key.name", "KEY_NAME", "key-name"));
  if (value === ".") errs.push("must not be '.'");
  else if (value === "..") errs.push("must not be '..'");
  else if (value.startsWith("..")) errs.push("must not start with '..'");
  return errs;
}

const envVarNameFmt = "[-._a-zA-Z][-._a-zA-Z0-9]*";
const envVarNameFmtErrMsg =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";
const envVarNameRegexp = anchored(envVarNameFmt);

export function isEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (!envVarNameRegexp.test(value)) {
    errs.push(regexError(envVarNameFmtErrMsg, envVarNameFmt, "my.env-name", "MY_ENV.NAME", "MyEnvName1"));
  }
  if (value === ".") errs.push("must not be '.'");
  else if (value === "..") errs.push("must not be '..'");
  else if (value.startsWith("..")) errs.push("must not start with '..'");
  return errs;
}
