// Every served resource, in discovery order (kubectl expands `all` in this order).
import type { ResourceDef } from "./resource";
import { resourceKey } from "./define";
import { pods } from "./resources/pods";
import { services } from "./resources/services";
import { replicationcontrollers } from "./resources/replicationcontrollers";
import { bindings } from "./resources/bindings";
import { configmaps } from "./resources/configmaps";
import { endpoints } from "./resources/endpoints";
import { events } from "./resources/events";
import { eventsV1 } from "./resources/events-v1";
import { limitranges } from "./resources/limitranges";
import { namespaces } from "./resources/namespaces";
import { nodes } from "./resources/nodes";
import { persistentvolumeclaims } from "./resources/persistentvolumeclaims";
import { persistentvolumes } from "./resources/persistentvolumes";
import { podtemplates } from "./resources/podtemplates";
import { resourcequotas } from "./resources/resourcequotas";
import { secrets } from "./resources/secrets";
import { serviceaccounts } from "./resources/serviceaccounts";
import { deployments } from "./resources/deployments";
import { replicasets } from "./resources/replicasets";
import { statefulsets } from "./resources/statefulsets";
import { daemonsets } from "./resources/daemonsets";
import { controllerrevisions } from "./resources/controllerrevisions";
import { jobs } from "./resources/jobs";
import { cronjobs } from "./resources/cronjobs";
import { horizontalpodautoscalers } from "./resources/horizontalpodautoscalers";
import { endpointslices } from "./resources/endpointslices";
import { leases } from "./resources/leases";
import { storageclasses } from "./resources/storageclasses";
import { ingresses } from "./resources/ingresses";
import { ingressclasses } from "./resources/ingressclasses";
import { networkpolicies } from "./resources/networkpolicies";
import { roles } from "./resources/roles";
import { rolebindings } from "./resources/rolebindings";
import { clusterroles } from "./resources/clusterroles";
import { clusterrolebindings } from "./resources/clusterrolebindings";
import { selfsubjectreviews } from "./resources/selfsubjectreviews";
import { localsubjectaccessreviews } from "./resources/localsubjectaccessreviews";
import { selfsubjectaccessreviews } from "./resources/selfsubjectaccessreviews";
import { selfsubjectrulesreviews } from "./resources/selfsubjectrulesreviews";
import { subjectaccessreviews } from "./resources/subjectaccessreviews";

export const RESOURCES: ResourceDef[] = [
  pods, services, replicationcontrollers, bindings, configmaps, endpoints, events, limitranges, namespaces, nodes,
  persistentvolumeclaims, persistentvolumes, podtemplates, resourcequotas, secrets, serviceaccounts,
  deployments, replicasets, statefulsets, daemonsets, controllerrevisions,
  jobs, cronjobs,
  horizontalpodautoscalers,
  endpointslices,
  leases,
  eventsV1,
  selfsubjectreviews,
  localsubjectaccessreviews, selfsubjectaccessreviews, selfsubjectrulesreviews, subjectaccessreviews,
  storageclasses,
  ingresses, ingressclasses, networkpolicies,
  roles, rolebindings, clusterroles, clusterrolebindings,
] as ResourceDef[];

const byKey = new Map(RESOURCES.map((r) => [resourceKey(r), r]));

export function resourceByKey(key: string): ResourceDef | undefined {
  return byKey.get(key);
}

/** the definition serving `<group>/<version>/<plural>`, if that version is served */
export function resourceFor(group: string, version: string, plural: string): ResourceDef | undefined {
  const def = byKey.get(`${group}/${plural}`);
  return def && def.versions.some((v) => v.version === version && v.served) ? def : undefined;
}

export function resourceForKind(group: string, kind: string): ResourceDef | undefined {
  return RESOURCES.find((r) => r.group === group && r.kind === kind);
}

export function namespacedResources(): ResourceDef[] {
  return RESOURCES.filter((r) => r.namespaced);
}
