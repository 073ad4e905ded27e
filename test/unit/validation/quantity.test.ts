import { describe, expect, it } from "vitest";
import {
  addQuantities,
  canonicalQuantity,
  compareQuantities,
  parseQuantity,
  QUANTITY_FORMAT_ERROR,
  QUANTITY_SUFFIX_ERROR,
  quantityFromMilli,
  quantityParseError,
  quantityToMilli,
  quantityToNumber,
  quantityToString,
  quantityValue,
  subQuantities,
  validateNonnegativeQuantity,
  validateRequestWithinLimit,
} from "../../../src/api/validation/quantity";

describe("canonical form (what the server writes back)", () => {
  it.each([
    ["0", "0"],
    ["0Mi", "0"],
    ["100m", "100m"],
    ["1", "1"],
    ["1.5", "1500m"],
    ["0.5", "500m"],
    ["0.1", "100m"],
    ["1.0", "1"],
    ["1000m", "1"],
    ["2500m", "2500m"],
    ["-100m", "-100m"],
    ["2k", "2k"],
    ["1M", "1M"],
    ["1E", "1E"],
    ["2048", "2048"],
    ["3000", "3k"],
    ["1000000", "1M"],
    ["128Mi", "128Mi"],
    ["500Ki", "500Ki"],
    ["1Gi", "1Gi"],
    ["1024Mi", "1Gi"],
    ["1536Mi", "1536Mi"],
    ["0.5Gi", "512Mi"],
    ["1.5Gi", "1536Mi"],
    ["1.5Ki", "1536"],
    ["0.5Ki", "512"],
    ["1e3", "1e3"],
    ["12e2", "1200"],
    ["1.5e-3", "1500e-6"],
    ["1n", "1n"],
    ["0.1n", "1n"],
    ["1.5u", "1500n"],
  ])("%s -> %s", (input, canonical) => {
    expect(canonicalQuantity(input)).toBe(canonical);
  });

  it("accepts JSON numbers as the decoder does", () => {
    expect(canonicalQuantity(0.5)).toBe("500m");
    expect(canonicalQuantity(2)).toBe("2");
  });
});

describe("parse errors", () => {
  it.each([
    ["", QUANTITY_FORMAT_ERROR],
    ["abc", QUANTITY_FORMAT_ERROR],
    ["1.5.5", QUANTITY_FORMAT_ERROR],
    ["1 Gi", QUANTITY_FORMAT_ERROR],
    ["1KB", QUANTITY_FORMAT_ERROR],
    ["1Ki5", QUANTITY_SUFFIX_ERROR],
    ["1e", QUANTITY_SUFFIX_ERROR],
    ["1mi", QUANTITY_SUFFIX_ERROR],
  ])("%j", (input, message) => {
    expect(quantityParseError(input)).toBe(message);
    expect(() => parseQuantity(input)).toThrow(message);
  });

  it("spells the format error as upstream", () => {
    expect(QUANTITY_FORMAT_ERROR).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    expect(quantityParseError("250m")).toBeNull();
  });
});

describe("numeric views", () => {
  it.each([
    ["100m", 100, 1],
    ["1", 1000, 1],
    ["1.5", 1500, 2],
    ["1Ki", 1024000, 1024],
    ["0.1n", 1, 1],
    ["2k", 2000000, 2000],
  ])("%s -> milli %d, value %d", (input, milli, value) => {
    const q = parseQuantity(input);
    expect(quantityToMilli(q)).toBe(milli);
    expect(quantityValue(q)).toBe(value);
  });

  it("approximates as a float", () => {
    expect(quantityToNumber(parseQuantity("128Mi"))).toBe(134217728);
    expect(quantityToNumber(parseQuantity("250m"))).toBeCloseTo(0.25);
  });
});

describe("arithmetic and comparison", () => {
  it("compares exactly across formats", () => {
    expect(compareQuantities(parseQuantity("1000m"), parseQuantity("1"))).toBe(0);
    expect(compareQuantities(parseQuantity("1Gi"), parseQuantity("1G"))).toBe(1);
    expect(compareQuantities(parseQuantity("100m"), parseQuantity("0.2"))).toBe(-1);
  });

  it("adds and subtracts keeping the receiver's format", () => {
    expect(quantityToString(addQuantities(parseQuantity("500m"), parseQuantity("1")))).toBe("1500m");
    expect(quantityToString(addQuantities(parseQuantity("512Mi"), parseQuantity("512Mi")))).toBe("1Gi");
    expect(quantityToString(addQuantities(parseQuantity("0"), parseQuantity("1Gi")))).toBe("1Gi");
    expect(quantityToString(subQuantities(parseQuantity("1"), parseQuantity("250m")))).toBe("750m");
    expect(quantityToString(quantityFromMilli(2000))).toBe("2");
  });
});

describe("validation helpers", () => {
  it("rejects negative quantities", () => {
    expect(validateNonnegativeQuantity(parseQuantity("-1"), "spec.containers[0].resources.requests[cpu]")).toEqual([
      {
        reason: "FieldValueInvalid",
        field: "spec.containers[0].resources.requests[cpu]",
        message: 'Invalid value: "-1": must be greater than or equal to 0',
      },
    ]);
    expect(validateNonnegativeQuantity(parseQuantity("1"), "x")).toEqual([]);
  });

  it("rejects a request above its limit", () => {
    expect(validateRequestWithinLimit("cpu", parseQuantity("1"), parseQuantity("500m"), "spec.containers[0].resources.requests")).toEqual([
      {
        reason: "FieldValueInvalid",
        field: "spec.containers[0].resources.requests",
        message: 'Invalid value: "1": must be less than or equal to cpu limit of 500m',
      },
    ]);
    expect(validateRequestWithinLimit("memory", parseQuantity("64Mi"), parseQuantity("128Mi"), "x")).toEqual([]);
  });
});
