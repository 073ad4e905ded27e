// What the /netsim routes need from the cluster: the data plane's tables, requests and DNS.
import type { DnsResult, DnsType, NodeTable } from "../../netsim";
import type { RequestAnswer, DnsAnswerSet } from "../../durable/network-host";
import type { NodeExecResult } from "../../durable/node-shell";

export type TableKind = "iptables" | "ipvs" | "ipset";

export interface NetsimService {
  table(node: string, kind: TableKind): NodeTable<unknown>;
  request(from: string, url: string): RequestAnswer;
  dns(name: string, type: DnsType, from?: string): DnsAnswerSet | { error: string; message: string };
  digText(r: DnsResult): string;
  /** a command line run by bash on the node; undefined when there is no such node */
  nodeExec(node: string, command: string): NodeExecResult | undefined;
}
