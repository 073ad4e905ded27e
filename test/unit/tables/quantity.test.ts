import { describe, expect, it } from "vitest";
import { canonicalQuantity } from "../../../src/api/tables/quantity";

describe("canonicalQuantity", () => {
  it.each([
    ["1Gi", "1Gi"],
    ["1024Mi", "1Gi"],
    ["1536Mi", "1536Mi"],
    ["500Mi", "500Mi"],
    ["2048Ki", "2Mi"],
    ["0.5Gi", "512Mi"],
    ["1.5Ki", "1536"],
    ["100Ki", "100Ki"],
    ["512", "512"],
    ["1000", "1k"],
    ["1500", "1500"],
    ["2000000", "2M"],
    ["0.5", "500m"],
    ["1.5", "1500m"],
    ["0.1", "100m"],
    ["100m", "100m"],
    ["1000m", "1"],
    ["250m", "250m"],
    ["5G", "5G"],
    ["1e3", "1e3"],
    ["0", "0"],
    ["0Gi", "0"],
    ["-1", "-1"],
    ["0.0000000001", "1n"],
  ])("%s -> %s", (input, want) => {
    expect(canonicalQuantity(input)).toBe(want);
  });

  it("accepts JSON numbers and leaves garbage alone", () => {
    expect(canonicalQuantity(10)).toBe("10");
    expect(canonicalQuantity(undefined)).toBe("0");
    expect(canonicalQuantity("lots")).toBe("lots");
  });
});
