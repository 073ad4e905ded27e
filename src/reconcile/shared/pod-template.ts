import type { KubeObject, OwnerReference, Pod, PodTemplateSpec } from "../../api/kinds";
import { clone } from "./clone";

/** controller.GetPodFromTemplate: labels, annotations and finalizers come from the template. */
export function podFromTemplate(template: PodTemplateSpec | undefined, owner: KubeObject, ownerRef: OwnerReference, name: string, generateName?: string): Pod {
  const t = clone(template ?? {});
  const metadata: Pod["metadata"] = {
    name,
    namespace: owner.metadata.namespace,
    labels: { ...(t.metadata?.labels ?? {}) },
    ownerReferences: [ownerRef],
  };
  if (generateName) metadata.generateName = generateName;
  if (t.metadata?.annotations && Object.keys(t.metadata.annotations).length) metadata.annotations = { ...t.metadata.annotations };
  if (t.metadata?.finalizers?.length) metadata.finalizers = [...t.metadata.finalizers];
  return { apiVersion: "v1", kind: "Pod", metadata, spec: t.spec ?? { containers: [] } };
}
