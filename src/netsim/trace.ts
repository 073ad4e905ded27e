// One line of "why did my request go there": what happened, where, and the rule that did it.

export type TraceKind = "client" | "dns" | "iptables" | "dnat" | "ipvs" | "routing" | "snat" | "policy" | "pod" | "host" | "external" | "error";

export interface TraceStep {
  kind: TraceKind;
  /** human-readable explanation */
  detail: string;
  /** node whose tables were consulted */
  node?: string;
  chain?: string;
  /** the rule or virtual server line exactly as the real tool prints it */
  rule?: string;
}
