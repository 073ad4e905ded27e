// Service discovery and networking printers: Service, Endpoints, EndpointSlice,
// Ingress, IngressClass, NetworkPolicy.
import type { TableConvertor } from "../resource";
import type { EndpointSlice, Endpoints, ObjectMeta, Service } from "../kinds";
import type { IIngress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import type { IIngressClass } from "kubernetes-models/networking.k8s.io/v1/IngressClass";
import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { doc } from "./descriptions";
import { ageColumn, col, nameColumn, wide } from "./columns";
import { formatLabelSelector, formatLabels, joinHostPort, listWithMore, sortedUnique } from "./format";
import { since } from "./human-duration";

type Stored<T extends { metadata?: ObjectMeta }> = Omit<T, "metadata"> & { metadata: ObjectMeta };
export type Ingress = Stored<IIngress>;
export type IngressClass = Stored<IIngressClass>;
export type NetworkPolicy = Stored<INetworkPolicy>;

/** loadBalancerStatusStringer with wide=true: the server never clips, kubectl prints what it gets. */
function loadBalancerAddresses(ingress: Array<{ ip?: string; hostname?: string }> | undefined): string {
  const found: string[] = [];
  for (const ing of ingress ?? []) {
    if (ing.ip) found.push(ing.ip);
    else if (ing.hostname) found.push(ing.hostname);
  }
  return sortedUnique(found).join(",");
}

export function serviceExternalIP(svc: Service): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type) {
    case "ClusterIP":
    case "NodePort":
      return externalIPs.length > 0 ? externalIPs.join(",") : "<none>";
    case "LoadBalancer": {
      const lb = loadBalancerAddresses(svc.status?.loadBalancer?.ingress);
      if (externalIPs.length > 0) return [...(lb ? lb.split(",") : []), ...externalIPs].join(",");
      return lb || "<pending>";
    }
    case "ExternalName":
      return svc.spec.externalName ?? "";
    default:
      return "<unknown>";
  }
}

export function servicePorts(svc: Service): string {
  const pieces = (svc.spec?.ports ?? []).map((p) => {
    // protocol is always defaulted to TCP by the API server
    const protocol = p.protocol ?? "TCP";
    return p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${protocol}` : `${p.port}/${protocol}`;
  });
  return pieces.length > 0 ? pieces.join(",") : "<none>";
}

export const serviceTable: TableConvertor<Service> = {
  columns: [
    nameColumn,
    col("Type", "string", doc["ServiceSpec.type"]),
    col("Cluster-IP", "string", doc["ServiceSpec.clusterIP"]),
    col("External-IP", "string", doc["ServiceSpec.externalIPs"]),
    col("Port(s)", "string", doc["ServiceSpec.ports"]),
    ageColumn,
    wide("Selector", "string", doc["ServiceSpec.selector"]),
  ],
  cells(svc, ctx) {
    const clusterIP = svc.spec?.clusterIPs?.[0] || svc.spec?.clusterIP || "<none>";
    return [
      svc.metadata.name ?? "",
      svc.spec?.type ?? "",
      clusterIP,
      serviceExternalIP(svc),
      servicePorts(svc),
      since(svc.metadata.creationTimestamp, ctx.now),
      formatLabels(svc.spec?.selector),
    ];
  },
};

/** formatEndpoints: up to three `ip:port` entries then `+ N more...`. */
export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return "<none>";
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      // headless services may have no ports
      count += addresses.length;
      for (const addr of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(addr.ip);
      }
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const addr of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(addr.ip, port.port));
      }
    }
  }
  const ret = list.join(",");
  return more ? `${ret} + ${count - max} more...` : ret;
}

export const endpointsTable: TableConvertor<Endpoints> = {
  columns: [nameColumn, col("Endpoints", "string", doc["Endpoints.subsets"]), ageColumn],
  cells(ep, ctx) {
    return [ep.metadata.name ?? "", formatEndpoints(ep), since(ep.metadata.creationTimestamp, ctx.now)];
  },
};

function discoveryPorts(slice: EndpointSlice): string {
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const port of slice.ports ?? []) {
    if (list.length < max) {
      list.push(port.port !== undefined && port.port !== null ? String(port.port) : port.name ?? "*");
    } else if (list.length === max) {
      more = true;
    }
    count++;
  }
  return listWithMore(list, more, count, max);
}

function discoveryEndpoints(slice: EndpointSlice): string {
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const endpoint of slice.endpoints ?? []) {
    for (const address of endpoint.addresses ?? []) {
      if (list.length < max) list.push(address);
      else if (list.length === max) more = true;
      count++;
    }
  }
  return listWithMore(list, more, count, max);
}

export const endpointSliceTable: TableConvertor<EndpointSlice> = {
  columns: [
    nameColumn,
    col("AddressType", "string", doc["EndpointSlice.addressType"]),
    col("Ports", "string", doc["EndpointSlice.ports"]),
    col("Endpoints", "string", doc["EndpointSlice.endpoints"]),
    ageColumn,
  ],
  cells(slice, ctx) {
    return [
      slice.metadata.name ?? "",
      slice.addressType ?? "",
      discoveryPorts(slice),
      discoveryEndpoints(slice),
      since(slice.metadata.creationTimestamp, ctx.now),
    ];
  },
};

function ingressHosts(ing: Ingress): string {
  const rules = ing.spec?.rules ?? [];
  const max = 3;
  const list: string[] = [];
  let more = false;
  for (const rule of rules) {
    if (list.length === max) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return "*";
  const ret = list.join(",");
  return more ? `${ret} + ${rules.length - max} more...` : ret;
}

export const ingressTable: TableConvertor<Ingress> = {
  columns: [
    nameColumn,
    col("Class", "string", "The name of the IngressClass resource that should be used for additional configuration"),
    col("Hosts", "string", "Hosts that incoming requests are matched against before the ingress rule"),
    col("Address", "string", "Address is a list containing ingress points for the load-balancer"),
    col("Ports", "string", "Ports of TLS configurations that open"),
    ageColumn,
  ],
  cells(ing, ctx) {
    return [
      ing.metadata.name ?? "",
      ing.spec?.ingressClassName ?? "<none>",
      ingressHosts(ing),
      loadBalancerAddresses(ing.status?.loadBalancer?.ingress),
      (ing.spec?.tls ?? []).length > 0 ? "80, 443" : "80",
      since(ing.metadata.creationTimestamp, ctx.now),
    ];
  },
};

export const ingressClassTable: TableConvertor<IngressClass> = {
  columns: [
    nameColumn,
    col("Controller", "string", "Controller that is responsible for handling this class"),
    col("Parameters", "string", "A reference to a resource with additional parameters"),
    ageColumn,
  ],
  cells(obj, ctx) {
    const p = obj.spec?.parameters;
    let parameters = "<none>";
    if (p) parameters = `${p.kind}${p.apiGroup !== undefined && p.apiGroup !== null ? `.${p.apiGroup}` : ""}/${p.name}`;
    return [obj.metadata.name ?? "", obj.spec?.controller ?? "", parameters, since(obj.metadata.creationTimestamp, ctx.now)];
  },
};

export const networkPolicyTable: TableConvertor<NetworkPolicy> = {
  columns: [nameColumn, col("Pod-Selector", "string", doc["NetworkPolicySpec.podSelector"]), ageColumn],
  cells(obj, ctx) {
    return [obj.metadata.name ?? "", formatLabelSelector(obj.spec?.podSelector), since(obj.metadata.creationTimestamp, ctx.now)];
  },
};
