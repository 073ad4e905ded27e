import { describe, expect, it } from "vitest";
import { seedObjects } from "../../../src/durable/seed";
import { create } from "./helpers";

describe("a new cluster's own objects", () => {
  it("all pass defaults and validation", () => {
    const rejected = seedObjects(Date.parse("2024-01-01T00:00:00Z"))
      .map((e) => ({ kind: e.object.kind, name: e.object.metadata.name, messages: create(e.object).messages }))
      .filter((r) => r.messages.length > 0);
    expect(rejected).toEqual([]);
  });
});
