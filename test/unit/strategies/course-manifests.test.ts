import { describe, expect, it } from "vitest";
import { committedCourseManifests } from "../schemas/course-manifests";
import { resourceForKind } from "../../../src/api/registry";
import { create } from "./helpers";

const served = committedCourseManifests().filter((m) => {
  const apiVersion = String(m.object.apiVersion);
  const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
  return resourceForKind(group, String(m.object.kind)) !== undefined;
});

describe("course manifests pass defaults and validation", () => {
  it("covers the course's objects", () => {
    expect(served.length).toBeGreaterThanOrEqual(50);
  });

  it.each(served.map((m) => [`line ${m.line}: ${String(m.object.kind)}`, m.object] as const))("%s is accepted", (_label, object) => {
    expect(create(object).messages).toEqual([]);
  });
});
