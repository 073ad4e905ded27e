// labelSelector / fieldSelector query parameters → one predicate over stored objects.
import type { KubeObject } from "../../api/kinds";
import { badRequest } from "../../api/status";
import { parseLabelSelector, matchesLabels } from "../../api/selectors/label-selector";
import { compileFieldSelector } from "../../api/selectors/field-selector";
import { SelectorError } from "../../api/selectors/selector-error";
import type { ResourceRequest } from "./request-info";
import type { KubeContext } from "./resources";

export interface Selectors {
  labelSelector?: string;
  fieldSelector?: string;
}

export function selectorsOf(c: KubeContext): Selectors {
  return { labelSelector: c.req.query("labelSelector"), fieldSelector: c.req.query("fieldSelector") };
}

export function objectFilter(req: ResourceRequest, sel: Selectors): { matches: (o: KubeObject) => boolean } {
  try {
    const labels = sel.labelSelector ? parseLabelSelector(sel.labelSelector) : undefined;
    const fields = sel.fieldSelector ? compileFieldSelector(req.def.kind, sel.fieldSelector) : undefined;
    return { matches: (o: KubeObject) => (!labels || matchesLabels(labels, o.metadata.labels)) && (!fields || fields(o)) };
  } catch (e) {
    if (e instanceof SelectorError) throw badRequest(e.message);
    throw e;
  }
}
