import type { KubeObject, Pod } from "../../api/kinds";
import type { Action, ClusterView } from "../types";
import { clone } from "./clone";
import { controllerRef, newControllerRef, setList } from "./owners";
import { isDeleting } from "./pods";

/**
 * ControllerRefManager.ClaimPods: pods controlled by `owner`, plus orphans
 * matching `matches` (adopted with an update adding the controller ref) unless
 * the owner is being deleted; controlled pods that no longer match are released.
 */
export function claimPods(
  view: ClusterView,
  owner: KubeObject,
  apiVersion: string,
  kind: string,
  matches: (pod: Pod) => boolean,
  actions: Action[],
): Pod[] {
  const ns = owner.metadata.namespace;
  const claimed: Pod[] = [];
  for (const pod of view.list<Pod>("/pods", ns)) {
    const ref = controllerRef(pod);
    if (ref) {
      if (ref.uid !== owner.metadata.uid) continue;
      if (!matches(pod) && !isDeleting(pod) && !isDeleting(owner)) {
        const released = clone(pod);
        setList(released, "ownerReferences", (released.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid));
        actions.push({ type: "update", resource: "/pods", object: released });
        continue;
      }
      claimed.push(pod);
      continue;
    }
    if (isDeleting(owner) || isDeleting(pod) || !matches(pod)) continue;
    const adopted = clone(pod);
    adopted.metadata.ownerReferences = [...(adopted.metadata.ownerReferences ?? []), newControllerRef(owner, apiVersion, kind)];
    actions.push({ type: "update", resource: "/pods", object: adopted });
    claimed.push(adopted);
  }
  return claimed;
}
