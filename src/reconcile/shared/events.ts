import type { KubeObject } from "../../api/kinds";
import type { Action } from "../types";

export function event(involved: KubeObject, component: string, reason: string, message: string, type: "Normal" | "Warning" = "Normal"): Action {
  return { type: "event", event: { involved, type, reason, message, component } };
}
