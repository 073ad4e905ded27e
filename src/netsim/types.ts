// Inputs of the simulated network: one snapshot of the cluster plus what each kube-proxy read at start.
import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { ConfigMap, EndpointSlice, Endpoints, Namespace, Node, ObjectMeta, Pod, Service } from "../api/kinds";

export type NetworkPolicy = Omit<INetworkPolicy, "metadata"> & { metadata: ObjectMeta };

export interface NetState {
  nodes: Node[];
  pods: Pod[];
  services: Service[];
  endpointSlices: EndpointSlice[];
  endpoints: Endpoints[];
  /** kube-proxy and metallb configuration live here */
  configMaps: ConfigMap[];
  /** enforced the way Calico does; absent means none */
  networkPolicies?: NetworkPolicy[];
  /** for namespaceSelector peers; a namespace missing here still carries kubernetes.io/metadata.name */
  namespaces?: Namespace[];
}

export type ProxyModeName = "iptables" | "ipvs";

/** what a node's kube-proxy read from its ConfigMap when its pod started */
export interface NodeProxyMode {
  mode: ProxyModeName;
  /** ipvs scheduler; "" means rr */
  scheduler: string;
  strictARP: boolean;
}

export type ProxyModeByNode = Record<string, NodeProxyMode>;

export interface NetConfig {
  /** kube-proxy clusterCIDR, used for the "! -s <cidr> -j KUBE-MARK-MASQ" rule */
  clusterCIDR: string;
  serviceCIDR: string;
  clusterDomain: string;
  dnsServiceIP: string;
}

export const DEFAULT_NET_CONFIG: NetConfig = {
  clusterCIDR: "10.244.0.0/16",
  serviceCIDR: "10.96.0.0/12",
  clusterDomain: "cluster.local",
  dnsServiceIP: "10.96.0.10",
};

export type Protocol = "TCP" | "UDP" | "SCTP";
