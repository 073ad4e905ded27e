import { describe, expect, it } from "vitest";
import {
  getScaledValueFromIntOrPercent,
  isNotMoreThan100Percent,
  resolveFenceposts,
  validatePositiveIntOrPercent,
  validateRollingUpdate,
} from "../../../src/api/validation/int-or-string";

describe("getScaledValueFromIntOrPercent", () => {
  it.each([
    [3, 10, true, 3],
    ["25%", 10, true, 3],
    ["25%", 10, false, 2],
    ["25%", 4, true, 1],
    ["25%", 4, false, 1],
    ["25%", 3, true, 1],
    ["25%", 3, false, 0],
    ["100%", 7, false, 7],
    ["0%", 7, true, 0],
  ] as const)("%j of %d (up=%s) -> %d", (v, total, up, expected) => {
    expect(getScaledValueFromIntOrPercent(v, total, up)).toBe(expected);
  });

  it("reports upstream's errors", () => {
    expect(() => getScaledValueFromIntOrPercent("25", 10, true)).toThrow(
      "invalid value for IntOrString: invalid type: string is not a percentage",
    );
    expect(() => getScaledValueFromIntOrPercent("x%", 10, true)).toThrow(
      'invalid value for IntOrString: invalid value "x%": strconv.Atoi: parsing "x": invalid syntax',
    );
    expect(() => getScaledValueFromIntOrPercent(undefined, 10, true)).toThrow("nil value for IntOrString");
  });
});

describe("resolveFenceposts", () => {
  it.each([
    ["25%", "25%", 3, 1, 0],
    ["25%", "25%", 10, 3, 2],
    [0, "25%", 3, 0, 1],
    [1, 0, 3, 1, 0],
    [undefined, undefined, 5, 0, 1],
  ] as const)("surge %j unavailable %j of %d -> %d/%d", (surge, unavailable, desired, s, u) => {
    expect(resolveFenceposts(surge, unavailable, desired)).toEqual({ surge: s, unavailable: u });
  });
});

describe("rolling update validation", () => {
  const path = "spec.strategy.rollingUpdate";
  it("accepts the defaults", () => {
    expect(validateRollingUpdate({ maxSurge: "25%", maxUnavailable: "25%" }, path)).toEqual([]);
  });
  it("rejects both zero", () => {
    expect(validateRollingUpdate({ maxSurge: 0, maxUnavailable: "0%" }, path)).toEqual([
      {
        reason: "FieldValueInvalid",
        field: "spec.strategy.rollingUpdate.maxUnavailable",
        message: "Invalid value: 0%: may not be 0 when `maxSurge` is 0",
      },
    ]);
  });
  it("rejects more than 100% unavailable and bad percents", () => {
    expect(isNotMoreThan100Percent("110%", `${path}.maxUnavailable`)[0].message).toBe(
      "Invalid value: 110%: must not be greater than 100%",
    );
    expect(validatePositiveIntOrPercent("abc", `${path}.maxSurge`)[0].message).toBe(
      "Invalid value: abc: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
    );
    expect(validatePositiveIntOrPercent(-1, `${path}.maxSurge`)[0].message).toBe(
      "Invalid value: -1: must be greater than or equal to 0",
    );
  });
});
