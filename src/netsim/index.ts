// The simulated network: pure functions over a cluster snapshot.
export * from "./types";
export * from "./allocation";
export { metallbPools, allocateLoadBalancerIP, layer2AnnouncingNode, type AddressPool, type LoadBalancerPick } from "./metallb";
export { buildIptablesNat, buildIpvsModeNat, renderIptablesSave, renderRule, iptablesJson, type NatTable, type IptRule, type IptablesJson } from "./iptables";
export { buildIpvs, renderIpvsadm, ipvsJson, kubeIpvs0Addresses, type VirtualServer, type RealServer, type IpvsJson } from "./ipvs";
export { buildIpsets, renderIpsetList, ipsetJson, type Ipset } from "./ipset";
export { nodeIptables, nodeIpvs, nodeIpset, type NodeTable } from "./node-tables";
export { queryCoreDNS, resolveFrom, resolverFor, etcHosts, addressesOf, DNS_TYPES, type DnsType, type DnsAnswer, type DnsResult, type DnsClient, type DnsOptions, type Resolution } from "./dns";
export { renderDig, renderNslookup, formatRecord, isDnsType, type CommandOutput, type DigOptions } from "./dns-render";
export { routeRequest, parseRequestUrl, type RouteRequest, type RouteContext, type RouteResult, type RouteTarget, type RouteError } from "./route";
export { emptyRouteState, type RouteState } from "./route-state";
export type { TraceStep } from "./trace";
export { servicePortModels, type ServicePortModel } from "./service-model";
export { evaluatePolicies, isolatingPolicies, policyTypesOf, type PolicyConnection, type PolicyEndpoint, type PolicyVerdict, type PolicySide } from "./network-policy";
export { dnsDropped, icmpAllowed } from "./route-policy";
