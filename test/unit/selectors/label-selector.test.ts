import { describe, expect, it } from "vitest";
import {
  formatLabelSelector,
  fromLabelSelector,
  labelSelectorToString,
  matchesLabels,
  parseLabelSelector,
  selectorFromSet,
  selectorToString,
  SelectorError,
  validateLabelSelector,
} from "../../../src/api/selectors/label-selector";

const keyNameMsg =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const valueMsg =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe("parseLabelSelector: accepted syntax and canonical string", () => {
  it.each([
    ["", ""],
    ["zone=A", "zone=A"],
    ["zone==A", "zone==A"],
    ["zone!=A", "zone!=A"],
    ["zone in (A,B,C)", "zone in (A,B,C)"],
    ["zone in (C, A ,B)", "zone in (A,B,C)"],
    ["zone notin (A)", "zone notin (A)"],
    ["zone", "zone"],
    ["!zone", "!zone"],
    ["replicas>1", "replicas>1"],
    ["replicas<10", "replicas<10"],
    ["tier=web,app=nginx", "app=nginx,tier=web"],
    ["  app = nginx ,  tier ", "app=nginx,tier"],
    ["x in (foo,,baz),y,z notin ()", "x in (,baz,foo),y,z notin ()"],
    ["app=", "app="],
    ["app=,tier=web", "app=,tier=web"],
    ["example.com/app=x", "example.com/app=x"],
    ["value in (in,notin)", "value in (in,notin)"],
    ["a in (b,b)", "a in (b)"],
  ])("%j -> %j", (input, canonical) => {
    expect(selectorToString(parseLabelSelector(input))).toBe(canonical);
  });
});

describe("parseLabelSelector: errors carry the API server's text", () => {
  it.each([
    ["app nginx", "unable to parse requirement: found 'nginx', expected: in, notin, =, ==, !=, gt, lt"],
    ["app=nginx tier", "found 'tier', expected: ',' or 'end of string'"],
    ["app=nginx,", "found '', expected: identifier after ','"],
    [",app", "found ',', expected: !, identifier, or 'end of string'"],
    ["=x", "found '=', expected: !, identifier, or 'end of string'"],
    ["app in a", "unable to parse requirement: found 'a' expected: '('"],
    ["app in (a", "unable to parse requirement: found '', expected: ',' or ')'"],
    ["app in (a b)", "unable to parse requirement: found 'b', expected: ',' or ')'"],
    ["app in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ["app==(x)", "unable to parse requirement: found '(', expected: identifier"],
    ["! =x", "unable to parse requirement: found '=', expected: identifier"],
    ["!=x", "found '!=', expected: !, identifier, or 'end of string'"],
    ["bad key=x", "unable to parse requirement: found 'key', expected: in, notin, =, ==, !=, gt, lt"],
    ["Bad_Key-=x", `unable to parse requirement: <nil>: Invalid value: "Bad_Key-": ${keyNameMsg}`],
    ["a/b/c=x", `unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`],
    ["app=-bad-", `unable to parse requirement: values[0][app]: Invalid value: "-bad-": ${valueMsg}`],
    ["n>abc", "unable to parse requirement: values[0]: Invalid value: \"abc\": for 'Gt', 'Lt' operators, the value must be an integer"],
    [
      "n>-x",
      `unable to parse requirement: [values[0]: Invalid value: "-x": for 'Gt', 'Lt' operators, the value must be an integer, values[0][n]: Invalid value: "-x": ${valueMsg}]`,
    ],
  ])("%j", (input, message) => {
    expect(() => parseLabelSelector(input)).toThrow(SelectorError);
    expect(() => parseLabelSelector(input)).toThrow(message);
    try {
      parseLabelSelector(input);
    } catch (e) {
      expect((e as Error).message).toBe(message);
    }
  });
});

describe("matchesLabels", () => {
  const pod = { app: "nginx", zone: "A", replicas: "3", empty: "" };
  it.each([
    ["", true],
    ["zone=A", true],
    ["zone==B", false],
    ["zone!=B", true],
    ["missing!=B", true],
    ["zone in (A,B,C)", true],
    ["zone in (B,C)", false],
    ["missing in (A)", false],
    ["zone notin (B)", true],
    ["zone notin (A)", false],
    ["missing notin (A)", true],
    ["app", true],
    ["missing", false],
    ["!missing", true],
    ["!app", false],
    ["replicas>2", true],
    ["replicas>3", false],
    ["replicas<4", true],
    ["app>1", false],
    ["missing<5", false],
    ["empty=", true],
    ["empty in ()", true],
    ["app=nginx,zone in (A),!tier", true],
    ["app=nginx,zone=B", false],
  ])("%j -> %s", (selector, expected) => {
    expect(matchesLabels(parseLabelSelector(selector), pod)).toBe(expected);
  });

  it("treats undefined labels as the empty set", () => {
    expect(matchesLabels(parseLabelSelector("!app"), undefined)).toBe(true);
    expect(matchesLabels(parseLabelSelector("app"), undefined)).toBe(false);
  });
});

describe("fromLabelSelector (metav1.LabelSelectorAsSelector)", () => {
  it("matches nothing for a null selector and everything for an empty one", () => {
    expect(matchesLabels(fromLabelSelector(undefined), { a: "b" })).toBe(false);
    expect(matchesLabels(fromLabelSelector(null), {})).toBe(false);
    expect(matchesLabels(fromLabelSelector({}), { a: "b" })).toBe(true);
    expect(matchesLabels(fromLabelSelector({ matchLabels: {}, matchExpressions: [] }), {})).toBe(true);
  });

  it("ANDs matchLabels and matchExpressions", () => {
    const sel = fromLabelSelector({
      matchLabels: { app: "nginx" },
      matchExpressions: [
        { key: "tier", operator: "In", values: ["web", "api"] },
        { key: "canary", operator: "DoesNotExist" },
        { key: "env", operator: "NotIn", values: ["prod"] },
        { key: "zone", operator: "Exists" },
      ],
    });
    expect(matchesLabels(sel, { app: "nginx", tier: "web", zone: "a" })).toBe(true);
    expect(matchesLabels(sel, { app: "nginx", tier: "web", zone: "a", canary: "1" })).toBe(false);
    expect(matchesLabels(sel, { app: "nginx", tier: "db", zone: "a" })).toBe(false);
    expect(matchesLabels(sel, { app: "nginx", tier: "web", zone: "a", env: "prod" })).toBe(false);
    expect(matchesLabels(sel, { app: "nginx", tier: "web" })).toBe(false);
  });

  it("rejects unknown operators and bad requirements like upstream", () => {
    expect(() => fromLabelSelector({ matchExpressions: [{ key: "a", operator: "Equals", values: ["b"] }] })).toThrow(
      '"Equals" is not a valid label selector operator',
    );
    expect(() => fromLabelSelector({ matchExpressions: [{ key: "a", operator: "In", values: [] }] })).toThrow(
      "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty",
    );
    expect(() => fromLabelSelector({ matchExpressions: [{ key: "a", operator: "Exists", values: ["x"] }] })).toThrow(
      'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist',
    );
  });
});

describe("labelSelectorToString / formatLabelSelector", () => {
  it.each([
    [{ matchLabels: { app: "nginx-server1" } }, "app=nginx-server1"],
    [{ matchLabels: { tier: "web", app: "nginx" } }, "app=nginx,tier=web"],
    [
      { matchLabels: { app: "nginx" }, matchExpressions: [{ key: "tier", operator: "In", values: ["b", "a"] }] },
      "app=nginx,tier in (a,b)",
    ],
    [{ matchExpressions: [{ key: "x", operator: "DoesNotExist" }, { key: "a", operator: "Exists" }] }, "a,!x"],
    [{ matchExpressions: [{ key: "env", operator: "NotIn", values: ["prod"] }] }, "env notin (prod)"],
  ])("%j -> %s", (ls, expected) => {
    expect(labelSelectorToString(ls)).toBe(expected);
    expect(formatLabelSelector(ls)).toBe(expected);
  });

  it("prints empty and nil selectors as kubectl does", () => {
    expect(labelSelectorToString({})).toBe("");
    expect(labelSelectorToString(undefined)).toBe("");
    expect(formatLabelSelector({})).toBe("<none>");
    expect(formatLabelSelector(undefined)).toBe("<none>");
    expect(formatLabelSelector({ matchExpressions: [{ key: "a", operator: "Bogus" }] })).toBe("<error>");
  });
});

describe("selectorFromSet", () => {
  it("selects by equality on every key, and everything when empty", () => {
    const sel = selectorFromSet({ app: "nginx", tier: "web" });
    expect(selectorToString(sel)).toBe("app=nginx,tier=web");
    expect(matchesLabels(sel, { app: "nginx", tier: "web", x: "y" })).toBe(true);
    expect(matchesLabels(sel, { app: "nginx" })).toBe(false);
    expect(matchesLabels(selectorFromSet({}), { a: "b" })).toBe(true);
    expect(matchesLabels(selectorFromSet(undefined), {})).toBe(true);
  });
});

describe("validateLabelSelector", () => {
  it("accepts a valid selector", () => {
    expect(
      validateLabelSelector(
        { matchLabels: { app: "nginx" }, matchExpressions: [{ key: "tier", operator: "In", values: ["web"] }] },
        "spec.selector",
      ),
    ).toEqual([]);
  });

  it("reports operator, values and key problems with server wording", () => {
    const causes = validateLabelSelector(
      {
        matchLabels: { "bad key": "ok" },
        matchExpressions: [
          { key: "a", operator: "In" },
          { key: "b", operator: "Exists", values: ["x"] },
          { key: "c", operator: "Equals", values: ["x"] },
          { key: "d", operator: "NotIn", values: ["bad value"] },
        ],
      },
      "spec.selector",
    );
    expect(causes).toEqual([
      { reason: "FieldValueInvalid", field: "spec.selector.matchLabels", message: `Invalid value: "bad key": ${keyNameMsg}` },
      {
        reason: "FieldValueRequired",
        field: "spec.selector.matchExpressions[0].values",
        message: "Required value: must be specified when `operator` is 'In' or 'NotIn'",
      },
      {
        reason: "FieldValueForbidden",
        field: "spec.selector.matchExpressions[1].values",
        message: "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      },
      {
        reason: "FieldValueInvalid",
        field: "spec.selector.matchExpressions[2].operator",
        message: 'Invalid value: "Equals": not a valid selector operator',
      },
      {
        reason: "FieldValueInvalid",
        field: "spec.selector.matchExpressions[3].values[0]",
        message: `Invalid value: "bad value": ${valueMsg}`,
      },
    ]);
  });
});
