// Status counters the API types declare `omitempty`: a zero is not written, so `-o yaml` of a
// scaled-down ReplicaSet shows `replicas: 0` and nothing else, as on a real cluster.
export const OMIT_ZERO = {
  replicaSet: ["fullyLabeledReplicas", "readyReplicas", "availableReplicas", "observedGeneration"],
  deployment: ["observedGeneration", "replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas"],
  statefulSet: ["observedGeneration", "readyReplicas", "currentReplicas", "updatedReplicas"],
  daemonSet: ["observedGeneration", "updatedNumberScheduled", "numberAvailable", "numberUnavailable"],
  job: ["active", "succeeded", "failed"],
} as const;

/** removes the listed keys whose value is 0 (mutates and returns `status`) */
export function omitZero<T extends object>(status: T, keys: readonly string[]): T {
  const rec = status as Record<string, unknown>;
  for (const k of keys) if (rec[k] === 0) delete rec[k];
  return status;
}
