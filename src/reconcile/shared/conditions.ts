export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
  lastProbeTime?: string;
}

export function findCondition<C extends Condition>(conds: C[] | undefined, type: string): C | undefined {
  return conds?.find((c) => c.type === type);
}

/**
 * Replace the condition of `next.type`, keeping lastTransitionTime when the
 * status did not change (as the upstream SetXCondition helpers do).
 */
export function setCondition<C extends Condition>(conds: C[] | undefined, next: C): C[] {
  const list = [...(conds ?? [])];
  const i = list.findIndex((c) => c.type === next.type);
  if (i >= 0) {
    const old = list[i];
    if (old.status === next.status && old.reason === next.reason && old.message === next.message) return list;
    if (old.status === next.status && old.lastTransitionTime) next = { ...next, lastTransitionTime: old.lastTransitionTime };
    list[i] = next;
  } else list.push(next);
  return list;
}

export function removeCondition<C extends Condition>(conds: C[] | undefined, type: string): C[] {
  return (conds ?? []).filter((c) => c.type !== type);
}
