// The boundary between stored objects and what clients see: version conversion and wall-clock times.
import type { KubeObject } from "../../api/kinds";
import { toServedVersion, toStorageVersion } from "../../api/convert";
import { shiftTimes } from "../../api/time-shift";
import type { ClusterContext } from "../../durable/cluster-context";
import type { ResourceRequest } from "./request-info";

/** a stored object as the client asked for it */
export function present<T extends KubeObject>(cluster: ClusterContext, req: ResourceRequest, obj: T): T {
  return shiftTimes(toServedVersion(req.def, obj, req.version), -cluster.aheadSeconds());
}

/** a client's object as the store keeps it */
export function accept<T extends KubeObject>(cluster: ClusterContext, req: ResourceRequest, obj: T): T {
  return toStorageVersion(req.def, shiftTimes(obj, cluster.aheadSeconds()));
}

/** "now" on the same wall clock as presented objects (ages in Tables then match the cluster's clock) */
export function presentedNow(cluster: ClusterContext): number {
  return cluster.now() - cluster.aheadSeconds() * 1000;
}
