import { z } from "zod";
import type { ResourceDef, SubresourceDef } from "../../../src/api/resource";

const CRUD = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

function def(
  group: string,
  versions: string[],
  kind: string,
  plural: string,
  extra: Partial<ResourceDef> = {},
): ResourceDef {
  return {
    group,
    versions: versions.map((version, i) => ({ version, served: true, storage: i === 0 })),
    kind,
    listKind: `${kind}List`,
    plural,
    singular: kind.toLowerCase(),
    namespaced: true,
    shortNames: [],
    categories: [],
    verbs: CRUD,
    subresources: [],
    schema: z.object({}),
    ...extra,
  };
}

function sub(name: SubresourceDef["name"], group: string, version: string, kind: string, verbs: string[]): SubresourceDef {
  return { name, kind: { group, version, kind }, verbs };
}

const status = (group: string, version: string, kind: string): SubresourceDef =>
  sub("status", group, version, kind, ["get", "patch", "update"]);

/** Declared in "course" order on purpose: discovery must not depend on it by default. */
export const resources: ResourceDef[] = [
  def("", ["v1"], "Pod", "pods", {
    shortNames: ["po"],
    categories: ["all"],
    subresources: [
      status("", "v1", "Pod"),
      sub("log", "", "v1", "Pod", ["get"]),
      sub("exec", "", "v1", "PodExecOptions", ["get", "create"]),
      sub("attach", "", "v1", "PodAttachOptions", ["get", "create"]),
    ],
  }),
  def("", ["v1"], "Service", "services", { shortNames: ["svc"], categories: ["all"], subresources: [status("", "v1", "Service")] }),
  def("", ["v1"], "ReplicationController", "replicationcontrollers", { shortNames: ["rc"], categories: ["all"] }),
  def("", ["v1"], "Namespace", "namespaces", { namespaced: false, shortNames: ["ns"], verbs: ["create", "delete", "get", "list", "patch", "update", "watch"] }),
  def("apps", ["v1"], "Deployment", "deployments", {
    shortNames: ["deploy"],
    categories: ["all"],
    subresources: [status("apps", "v1", "Deployment"), sub("scale", "autoscaling", "v1", "Scale", ["get", "patch", "update"])],
  }),
  def("apps", ["v1"], "ReplicaSet", "replicasets", { shortNames: ["rs"], categories: ["all"] }),
  def("apps", ["v1"], "StatefulSet", "statefulsets", { shortNames: ["sts"], categories: ["all"] }),
  def("apps", ["v1"], "DaemonSet", "daemonsets", { shortNames: ["ds"], categories: ["all"] }),
  def("batch", ["v1"], "Job", "jobs", { categories: ["all"] }),
  def("batch", ["v1"], "CronJob", "cronjobs", { shortNames: ["cj"], categories: ["all"] }),
  def("autoscaling", ["v2", "v1"], "HorizontalPodAutoscaler", "horizontalpodautoscalers", {
    shortNames: ["hpa"],
    categories: ["all"],
    subresources: [status("autoscaling", "v2", "HorizontalPodAutoscaler")],
  }),
  def("coordination.k8s.io", ["v1"], "Lease", "leases"),
  def("discovery.k8s.io", ["v1"], "EndpointSlice", "endpointslices"),
  def("stable.example.com", ["v1beta1", "v1"], "CronTab", "crontabs", { shortNames: ["ct"] }),
];
