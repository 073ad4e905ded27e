import { describe, expect, it } from "vitest";
import { committedCourseManifests, courseManifests, SEED_FILE } from "./course-manifests";
import fs from "node:fs";
import { findUnknownFields, formatZodIssues, schemaForApiVersion } from "../../../src/api/schemas";

const manifests = committedCourseManifests();
const served = manifests.filter((m) => schemaForApiVersion(String(m.object.apiVersion), String(m.object.kind)));

describe("course manifests", () => {
  it("finds the course's Kubernetes objects", () => {
    expect(manifests.length).toBeGreaterThanOrEqual(50);
    const kinds = new Set(served.map((m) => `${String(m.object.apiVersion)} ${String(m.object.kind)}`));
    for (const k of ["v1 Pod", "v1 Namespace", "v1 Service", "apps/v1 Deployment", "apps/v1 DaemonSet", "apps/v1 StatefulSet", "batch/v1 Job", "batch/v1beta1 CronJob", "v1 ConfigMap"]) {
      expect(kinds).toContain(k);
    }
    // only the kube-proxy configuration file is not an API object
    expect(manifests.filter((m) => !served.includes(m)).map((m) => m.object.kind)).toEqual(["KubeProxyConfiguration"]);
  });

  it.each(served.map((m) => [`line ${m.line}: ${String(m.object.kind)} ${JSON.stringify((m.object.metadata as { name?: string } | undefined)?.name)}`, m] as const))(
    "%s parses with no unknown fields",
    (_label, m) => {
      const schema = schemaForApiVersion(String(m.object.apiVersion), String(m.object.kind));
      if (!schema) throw new Error("unreachable");
      const result = schema.safeParse(m.object);
      expect(result.success ? [] : formatZodIssues(result.error.issues, { input: m.object, schema })).toEqual([]);
      expect(findUnknownFields(schema, m.object)).toEqual([]);
    },
  );
});

describe.skipIf(!fs.existsSync(SEED_FILE))("course fixture", () => {
  it("matches the manifests in the course text", () => {
    expect(committedCourseManifests()).toEqual(courseManifests());
  });
});
