// Query parameters shared by the read and write handlers, parsed as strictly as the real parameter codec.
import { badRequest } from "../../api/status";
import { invalidOption } from "./body-check";
import type { KubeContext } from "./resources";

/** an integer query parameter; anything else is a 400 like the real parameter codec's */
export function intQuery(c: KubeContext, name: string): number | undefined {
  const v = c.req.query(name);
  if (v === undefined || v === "") return undefined;
  if (!/^-?\d+$/.test(v.trim()) || !Number.isSafeInteger(Number(v))) {
    throw badRequest(`invalid value for ${name}: strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  }
  return Number(v);
}

/** resourceVersion (and resourceVersionMatch) of a read: a list or get serves the latest state whatever it says, but it must parse */
export function readResourceVersion(c: KubeContext): string | undefined {
  const rv = c.req.query("resourceVersion");
  if (rv !== undefined && rv !== "" && !/^\d+$/.test(rv)) throw badRequest(`invalid resource version: ${rv}`);
  const match = c.req.query("resourceVersionMatch");
  if (match !== undefined && match !== "" && match !== "NotOlderThan" && match !== "Exact") {
    throw invalidOption("GET", "resourceVersionMatch", `Unsupported value: "${match}": supported values: "Exact", "NotOlderThan", ""`);
  }
  return rv;
}
