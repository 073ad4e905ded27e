import { describe, expect, it } from "vitest";
import {
  duplicate,
  forbidden,
  goQuote,
  invalid,
  invalidStatusMessage,
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPercent,
  notSupported,
  required,
  tooLong,
  tooLongMaxLength,
  tooMany,
  unquoted,
  validateAnnotations,
  validateLabels,
  validateObjectMeta,
  validateObjectMetaName,
} from "../../../src/api/validation/names";

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe("field error rendering", () => {
  it.each([
    [required("metadata.name", "name or generateName is required"), "FieldValueRequired", "Required value: name or generateName is required"],
    [required("spec.containers"), "FieldValueRequired", "Required value"],
    [invalid("metadata.name", "Bad_Name", "x"), "FieldValueInvalid", 'Invalid value: "Bad_Name": x'],
    [invalid("spec.replicas", -1, "must be greater than or equal to 0"), "FieldValueInvalid", "Invalid value: -1: must be greater than or equal to 0"],
    [invalid("spec.x", ["a", "b"], "d"), "FieldValueInvalid", 'Invalid value: []string{"a", "b"}: d'],
    [invalid("spec.x", null, "d"), "FieldValueInvalid", "Invalid value: null: d"],
    [invalid("spec.x", unquoted("25%"), "d"), "FieldValueInvalid", "Invalid value: 25%: d"],
    [
      notSupported("spec.restartPolicy", "Sometimes", ["Always", "OnFailure", "Never"]),
      "FieldValueNotSupported",
      'Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ],
    [duplicate("spec.containers[1].name", "nginx"), "FieldValueDuplicate", 'Duplicate value: "nginx"'],
    [forbidden("metadata.namespace", "not allowed on this type"), "FieldValueForbidden", "Forbidden: not allowed on this type"],
    [tooLong("metadata.annotations", 262144), "FieldValueTooLong", "Too long: must have at most 262144 bytes"],
    [tooLongMaxLength("metadata.name", 63), "FieldValueTooLong", "Too long: may not be longer than 63"],
    [tooMany("spec.x", 5, 3), "FieldValueTooMany", "Too many: 5: must have at most 3 items"],
  ])("%j", (cause, reason, message) => {
    expect(cause.reason).toBe(reason);
    expect(cause.message).toBe(message);
  });

  it("quotes like Go's %q", () => {
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote("tab\there\n")).toBe('"tab\\there\\n"');
    expect(goQuote("\x00\x7f")).toBe('"\\x00\\x7f"');
    expect(goQuote("中文")).toBe('"中文"');
    expect(goQuote("\u200b")).toBe('"\\u200b"');
  });

  it("builds the 422 Status message", () => {
    const causes = [invalid("metadata.name", "Bad_Name", "x"), required("spec.containers")];
    expect(invalidStatusMessage("", "Pod", "Bad_Name", causes)).toBe(
      'Pod "Bad_Name" is invalid: [metadata.name: Invalid value: "Bad_Name": x, spec.containers: Required value]',
    );
    expect(invalidStatusMessage("apps", "Deployment", "web", [required("spec.selector")])).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Required value',
    );
    expect(invalidStatusMessage("", "Pod", "p", [])).toBe('Pod "p" is invalid');
  });
});

describe("string validators", () => {
  it.each([
    ["example.com", []],
    ["nginx-1", []],
    ["Bad_Name", [SUBDOMAIN]],
    ["-a", [SUBDOMAIN]],
    ["a".repeat(254), ["must be no more than 253 characters"]],
  ])("isDNS1123Subdomain(%j)", (v, errs) => {
    expect(isDNS1123Subdomain(v)).toEqual(errs);
  });

  it.each([
    ["demo", []],
    ["123-abc", []],
    ["a.b", ["must not contain dots"]],
    ["Demo", [LABEL]],
    ["a".repeat(64), ["must be no more than 63 characters"]],
  ])("isDNS1123Label(%j)", (v, errs) => {
    expect(isDNS1123Label(v)).toEqual(errs);
  });

  it.each([
    ["nginx-svc", []],
    ["1svc", [DNS1035]],
    ["a".repeat(64), ["must be no more than 63 characters"]],
  ])("isDNS1035Label(%j)", (v, errs) => {
    expect(isDNS1035Label(v)).toEqual(errs);
  });

  it.each([
    ["app", []],
    ["kubernetes.io/service-name", []],
    ["App.Name_1", []],
    ["bad key", [NAME_PART]],
    ["/app", ["prefix part must be non-empty"]],
    ["Example.com/app", [`prefix part ${SUBDOMAIN}`]],
    ["example.com/", ["name part must be non-empty", NAME_PART]],
    ["a".repeat(64), ["name part must be no more than 63 characters"]],
  ])("isQualifiedName(%j)", (v, errs) => {
    expect(isQualifiedName(v)).toEqual(errs);
  });

  it.each([
    ["", []],
    ["v1.2_x-Y", []],
    ["-x", [LABEL_VALUE]],
    ["a".repeat(64), ["must be no more than 63 characters"]],
  ])("isValidLabelValue(%j)", (v, errs) => {
    expect(isValidLabelValue(v)).toEqual(errs);
  });

  it("checks percents and config keys", () => {
    expect(isValidPercent("25%")).toEqual([]);
    expect(isValidPercent("25")).toEqual([
      "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
    ]);
    expect(isConfigMapKey("app.properties")).toEqual([]);
    expect(isConfigMapKey("..data")).toEqual(["must not start with '..'"]);
  });
});

describe("object meta validation", () => {
  it("renders a bad name as the server does", () => {
    expect(validateObjectMetaName({ name: "Bad_Name" })).toEqual([
      { reason: "FieldValueInvalid", field: "metadata.name", message: `Invalid value: "Bad_Name": ${SUBDOMAIN}` },
    ]);
    expect(validateObjectMetaName({})).toEqual([
      { reason: "FieldValueRequired", field: "metadata.name", message: "Required value: name or generateName is required" },
    ]);
    expect(validateObjectMetaName({ name: "web-abcde", generateName: "web-" })).toEqual([]);
    expect(validateObjectMetaName({ name: "demo.x" }, "label")[0].message).toBe('Invalid value: "demo.x": must not contain dots');
  });

  it("reports label problems on metadata.labels", () => {
    expect(validateLabels({ app: "nginx", "bad key": "ok", tier: "-web" }, "metadata.labels")).toEqual([
      { reason: "FieldValueInvalid", field: "metadata.labels", message: `Invalid value: "bad key": ${NAME_PART}` },
      { reason: "FieldValueInvalid", field: "metadata.labels", message: `Invalid value: "-web": ${LABEL_VALUE}` },
    ]);
  });

  it("checks annotation keys case-insensitively and their total size", () => {
    expect(validateAnnotations({ "Example.com/Key": "v" }, "metadata.annotations")).toEqual([]);
    expect(validateAnnotations({ big: "x".repeat(256 * 1024) }, "metadata.annotations")).toEqual([
      { reason: "FieldValueTooLong", field: "metadata.annotations", message: "Too long: must have at most 262144 bytes" },
    ]);
    expect(validateAnnotations({ a: "x".repeat(256 * 1024 - 1) }, "metadata.annotations")).toEqual([]);
  });

  it("validates namespace presence by scope", () => {
    expect(validateObjectMeta({ name: "p" }, { namespaced: true })).toEqual([
      { reason: "FieldValueRequired", field: "metadata.namespace", message: "Required value" },
    ]);
    expect(validateObjectMeta({ name: "n", namespace: "x" }, { namespaced: false })).toEqual([
      { reason: "FieldValueForbidden", field: "metadata.namespace", message: "Forbidden: not allowed on this type" },
    ]);
    expect(validateObjectMeta({ name: "p", namespace: "demo", labels: { app: "x" } }, { namespaced: true })).toEqual([]);
  });
});
