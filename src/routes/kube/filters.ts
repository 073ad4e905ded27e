// labelSelector / fieldSelector query parameters → one predicate over stored objects.
import type { KubeObject } from "../../api/kinds";
import { badRequest } from "../../api/status";
import { parseLabelSelector, matchesLabels } from "../../api/selectors/label-selector";
import { parseFieldSelector, matchesFields, fieldsOf } from "../../api/selectors/field-selector";
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
  let labelSel: ReturnType<typeof parseLabelSelector> | undefined;
  let fieldSel: ReturnType<typeof parseFieldSelector> | undefined;
  try {
    if (sel.labelSelector) labelSel = parseLabelSelector(sel.labelSelector);
  } catch (e) {
    throw badRequest(`unable to parse requirement: ${(e as Error).message}`.replace("unable to parse requirement: unable to parse requirement: ", "unable to parse requirement: "));
  }
  try {
    if (sel.fieldSelector) fieldSel = parseFieldSelector(sel.fieldSelector);
  } catch (e) {
    throw badRequest((e as Error).message);
  }
  const kind = req.def.kind;
  return {
    matches: (o: KubeObject) =>
      (!labelSel || matchesLabels(labelSel, o.metadata.labels)) && (!fieldSel || matchesFields(fieldSel, fieldsOf(kind, o))),
  };
}
