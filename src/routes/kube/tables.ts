// Objects → a meta.k8s.io/v1 Table with the resource's columns.
import type { KubeObject } from "../../api/kinds";
import type { ResourceDef } from "../../api/resource";
import { tableForOrDefault, toTable, type Table } from "../../api/tables";
import type { IncludeObject } from "./negotiate";

export function renderTable(def: ResourceDef, items: KubeObject[], now: number, resourceVersion: string | undefined, includeObject: IncludeObject, noHeaders = false): Table {
  const convertor = def.table ?? tableForOrDefault(def.group, def.kind);
  return toTable(items, convertor, { now }, includeObject, { noHeaders, resourceVersion });
}
