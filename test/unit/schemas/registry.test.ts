import { describe, expect, it } from "vitest";
import { z } from "zod";
import { KIND_SCHEMAS, k8sRegistry, namedSchemas, schemaForApiVersion, schemaForKind } from "../../../src/api/schemas";

const KINDS: Array<[string, string, string]> = [
  ...["Namespace", "Node", "Pod", "Binding", "Service", "Endpoints", "ConfigMap", "Secret", "ServiceAccount", "Event",
    "PersistentVolume", "PersistentVolumeClaim", "ReplicationController", "LimitRange", "ResourceQuota", "PodTemplate"]
    .map((k): [string, string, string] => ["", "v1", k]),
  ...["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "ControllerRevision"].map((k): [string, string, string] => ["apps", "v1", k]),
  ["batch", "v1", "Job"], ["batch", "v1", "CronJob"], ["batch", "v1beta1", "CronJob"],
  ["autoscaling", "v1", "Scale"], ["autoscaling", "v2", "HorizontalPodAutoscaler"],
  ["discovery.k8s.io", "v1", "EndpointSlice"], ["coordination.k8s.io", "v1", "Lease"], ["storage.k8s.io", "v1", "StorageClass"],
  ["networking.k8s.io", "v1", "Ingress"], ["networking.k8s.io", "v1", "NetworkPolicy"], ["networking.k8s.io", "v1", "IngressClass"],
  ["rbac.authorization.k8s.io", "v1", "Role"], ["rbac.authorization.k8s.io", "v1", "ClusterRole"],
  ["rbac.authorization.k8s.io", "v1", "RoleBinding"], ["rbac.authorization.k8s.io", "v1", "ClusterRoleBinding"],
  ["events.k8s.io", "v1", "Event"], ["", "v1", "DeleteOptions"], ["", "v1", "Status"],
  ...["LocalSubjectAccessReview", "SelfSubjectAccessReview", "SelfSubjectRulesReview", "SubjectAccessReview"].map((k): [string, string, string] => ["authorization.k8s.io", "v1", k]),
  ["authentication.k8s.io", "v1", "SelfSubjectReview"],
];

describe("schemaForKind", () => {
  it.each(KINDS)("serves %s/%s %s with its gvk in the metadata", (group, version, kind) => {
    const schema = schemaForKind(group, version, kind);
    expect(schema).toBeDefined();
    const meta = z.globalRegistry.get(schema!);
    expect(meta?.id).toMatch(new RegExp(`\\.${kind}$`));
    expect(meta?.gvk).toContainEqual({ group, version, kind });
  });

  it("answers undefined for kinds it does not know, and resolves apiVersion strings", () => {
    expect(schemaForKind("apps", "v1", "Pod")).toBeUndefined();
    expect(schemaForApiVersion("batch/v1beta1", "CronJob")).toBe(schemaForKind("batch", "v1", "CronJob"));
    expect(schemaForApiVersion("v1", "Pod")).toBe(schemaForKind("", "v1", "Pod"));
    expect(schemaForApiVersion("events.k8s.io/v1", "Event")).not.toBe(schemaForKind("", "v1", "Event"));
    expect(KIND_SCHEMAS.length).toBe(KINDS.length + 2); // DeleteOptions and Status are also served as meta.k8s.io/v1
  });
});

describe("registry for OpenAPI", () => {
  it("registers every named type under its upstream id", () => {
    const ids = namedSchemas.map((n) => n.id);
    for (const id of [
      "io.k8s.api.core.v1.PodSpec", "io.k8s.api.core.v1.Container", "io.k8s.api.apps.v1.DeploymentSpec",
      "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference",
      "io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry", "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector",
      "io.k8s.apimachinery.pkg.api.resource.Quantity", "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
      "io.k8s.apimachinery.pkg.apis.meta.v1.Time", "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime",
      "io.k8s.apimachinery.pkg.runtime.RawExtension", "io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler",
    ]) expect(ids).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { id, schema } of namedSchemas) {
      expect(z.globalRegistry.get(schema)?.id).toBe(id);
      expect(k8sRegistry.get(schema)?.id).toBe(id);
    }
  });

  it("converts to JSON schema with descriptions, enums and patch metadata", () => {
    const out = z.toJSONSchema(k8sRegistry, { target: "openapi-3.0", uri: (id) => `#/components/schemas/${id}` }) as {
      schemas: Record<string, { description?: string; properties?: Record<string, Record<string, unknown>>; required?: string[] }>;
    };
    const podSpec = out.schemas["io.k8s.api.core.v1.PodSpec"];
    expect(podSpec.description).toBe("PodSpec is a description of a pod.");
    expect(podSpec.required).toEqual(["containers"]);
    const containers = podSpec.properties!.containers;
    expect(containers["x-kubernetes-patch-merge-key"]).toBe("name");
    expect(containers["x-kubernetes-patch-strategy"]).toBe("merge");
    expect(containers["x-kubernetes-list-map-keys"]).toEqual(["name"]);
    expect(String(containers.description)).toMatch(/^List of containers belonging to the pod/);
    const restart = podSpec.properties!.restartPolicy;
    expect(JSON.stringify(restart)).toContain('"enum":["Always","Never","OnFailure"]');
    const intOrString = out.schemas["io.k8s.apimachinery.pkg.util.intstr.IntOrString"] as Record<string, unknown>;
    expect(intOrString["x-kubernetes-int-or-string"]).toBe(true);
    const deployment = out.schemas["io.k8s.api.apps.v1.Deployment"] as Record<string, unknown>;
    expect(deployment["x-kubernetes-group-version-kind"]).toEqual([{ group: "apps", version: "v1", kind: "Deployment" }]);
  });
});
