// What a fresh cluster holds, shaped like the course's cluster: three control-plane nodes that also run
// workloads and one worker, kube-system's services, CoreDNS and kube-proxy.
import type { KubeObject } from "../api/kinds";
import { fnv1a } from "../util/hash";
import { BOOTSTRAP_CLUSTER_ROLES, BOOTSTRAP_CLUSTER_ROLE_BINDINGS } from "../api/rbac/bootstrap-policy";

export interface SeedNode {
  name: string;
  ip: string;
  podCIDR: string;
  controlPlane: boolean;
}

export const SEED_NODES: SeedNode[] = [
  { name: "k8s-master1", ip: "192.168.10.12", podCIDR: "10.244.0.0/24", controlPlane: true },
  { name: "k8s-master2", ip: "192.168.10.13", podCIDR: "10.244.1.0/24", controlPlane: true },
  { name: "k8s-master3", ip: "192.168.10.14", podCIDR: "10.244.2.0/24", controlPlane: true },
  { name: "k8s-worker1", ip: "192.168.10.15", podCIDR: "10.244.3.0/24", controlPlane: false },
];

export const KUBE_VERSION = "v1.31.4";

const KUBE_PROXY_CONFIG = `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
clientConnection:
  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
clusterCIDR: 10.244.0.0/16
configSyncPeriod: 15m0s
conntrack:
  maxPerCore: 32768
  min: 131072
  tcpCloseWaitTimeout: 1h0m0s
  tcpEstablishedTimeout: 24h0m0s
enableProfiling: false
healthzBindAddress: 0.0.0.0:10256
iptables:
  masqueradeAll: false
  masqueradeBit: 14
  minSyncPeriod: 1s
  syncPeriod: 30s
ipvs:
  excludeCIDRs: null
  minSyncPeriod: 0s
  scheduler: ""
  strictARP: false
  syncPeriod: 30s
  tcpFinTimeout: 0s
  tcpTimeout: 0s
  udpTimeout: 0s
kind: KubeProxyConfiguration
metricsBindAddress: 127.0.0.1:10249
mode: ""
nodePortAddresses: null
oomScoreAdj: -999
portRange: ""
showHiddenMetricsForIgnoredVersions: ""
winkernel:
  enableDSR: false
  forwardHealthCheckVip: false
  networkName: ""
  rootHnsEndpointName: ""
  sourceVip: ""
`;

const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30
    loop
    reload
    loadbalance
}
`;

export interface SeedEntry {
  resource: string;
  object: KubeObject;
}

function micro(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

function nodeObject(n: SeedNode, now: number): KubeObject {
  const ts = new Date(now).toISOString().replace(/\.\d{3}Z$/, "Z");
  const labels: Record<string, string> = {
    "beta.kubernetes.io/arch": "amd64",
    "beta.kubernetes.io/os": "linux",
    "kubernetes.io/arch": "amd64",
    "kubernetes.io/hostname": n.name,
    "kubernetes.io/os": "linux",
  };
  if (n.controlPlane) {
    labels["node-role.kubernetes.io/control-plane"] = "";
    labels["node.kubernetes.io/exclude-from-external-load-balancers"] = "";
  }
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type, status, lastHeartbeatTime: ts, lastTransitionTime: ts, reason, message,
  });
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: n.name,
      labels,
      annotations: {
        "kubeadm.alpha.kubernetes.io/cri-socket": "unix:///var/run/containerd/containerd.sock",
        "node.alpha.kubernetes.io/ttl": "0",
        "volumes.kubernetes.io/controller-managed-attach-detach": "true",
      },
    },
    spec: { podCIDR: n.podCIDR, podCIDRs: [n.podCIDR] },
    status: {
      capacity: { cpu: "4", "ephemeral-storage": "51175Mi", "hugepages-1Gi": "0", "hugepages-2Mi": "0", memory: "8008232Ki", pods: "110" },
      allocatable: { cpu: "4", "ephemeral-storage": "48294789041", "hugepages-1Gi": "0", "hugepages-2Mi": "0", memory: "7905832Ki", pods: "110" },
      conditions: [
        condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
        condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
      ],
      addresses: [
        { type: "InternalIP", address: n.ip },
        { type: "Hostname", address: n.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: hex(n.name, 32),
        systemUUID: uuidFrom(n.name),
        bootID: uuidFrom(`${n.name}-boot`),
        kernelVersion: "5.14.0-427.13.1.el9_4.x86_64",
        osImage: "Rocky Linux 9.4 (Blue Onyx)",
        containerRuntimeVersion: "containerd://1.7.22",
        kubeletVersion: KUBE_VERSION,
        kubeProxyVersion: KUBE_VERSION,
        operatingSystem: "linux",
        architecture: "amd64",
      },
      images: [],
    },
  };
}

/** deterministic hex digits derived from a string (FNV-1a, repeated) */
export function hex(seed: string, length: number): string {
  let out = "";
  for (let i = 0; out.length < length; i++) out += fnv1a(`${seed}:${i}`).toString(16).padStart(8, "0");
  return out.slice(0, length);
}

function uuidFrom(seed: string): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const systemLabels = { "k8s-app": "kube-dns" };

export function seedObjects(now: number): SeedEntry[] {
  const out: SeedEntry[] = [];
  const add = (resource: string, object: KubeObject) => out.push({ resource, object });
  for (const name of ["default", "kube-system", "kube-public", "kube-node-lease"]) {
    add("/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name, labels: { "kubernetes.io/metadata.name": name } }, spec: { finalizers: ["kubernetes"] }, status: { phase: "Active" } });
  }
  for (const ns of ["default", "kube-system", "kube-public", "kube-node-lease"]) {
    add("/serviceaccounts", { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default", namespace: ns } });
  }
  for (const n of SEED_NODES) {
    add("/nodes", nodeObject(n, now));
    add("coordination.k8s.io/leases", {
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: { name: n.name, namespace: "kube-node-lease" },
      spec: { holderIdentity: n.name, leaseDurationSeconds: 40, renewTime: micro(now) },
    });
  }
  const masters = SEED_NODES.filter((n) => n.controlPlane);
  add("/services", {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "kubernetes", namespace: "default", labels: { component: "apiserver", provider: "kubernetes" } },
    spec: { type: "ClusterIP", clusterIP: "10.96.0.1", clusterIPs: ["10.96.0.1"], ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: 6443 }], sessionAffinity: "None" },
  });
  add("/endpoints", {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: { name: "kubernetes", namespace: "default", labels: { "endpointslice.kubernetes.io/skip-mirror": "true" } },
    subsets: [{ addresses: masters.map((m) => ({ ip: m.ip })), ports: [{ name: "https", port: 6443, protocol: "TCP" }] }],
  });
  add("discovery.k8s.io/endpointslices", {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: { name: "kubernetes", namespace: "default", labels: { "kubernetes.io/service-name": "kubernetes" } },
    addressType: "IPv4",
    endpoints: masters.map((m) => ({ addresses: [m.ip], conditions: { ready: true } })),
    ports: [{ name: "https", port: 6443, protocol: "TCP" }],
  });
  add("/services", {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: "kube-dns",
      namespace: "kube-system",
      labels: { ...systemLabels, "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS" },
      annotations: { "prometheus.io/port": "9153", "prometheus.io/scrape": "true" },
    },
    spec: {
      type: "ClusterIP",
      clusterIP: "10.96.0.10",
      clusterIPs: ["10.96.0.10"],
      selector: systemLabels,
      ports: [
        { name: "dns", port: 53, protocol: "UDP", targetPort: 53 },
        { name: "dns-tcp", port: 53, protocol: "TCP", targetPort: 53 },
        { name: "metrics", port: 9153, protocol: "TCP", targetPort: 9153 },
      ],
      sessionAffinity: "None",
    },
  });
  add("/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "coredns", namespace: "kube-system" }, data: { Corefile: COREFILE } });
  add("/configmaps", {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "kube-proxy", namespace: "kube-system", labels: { app: "kube-proxy" } },
    data: { "config.conf": KUBE_PROXY_CONFIG, "kubeconfig.conf": "apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt\n    server: https://192.168.10.12:6443\n  name: default\ncontexts:\n- context:\n    cluster: default\n    namespace: default\n    user: default\n  name: default\ncurrent-context: default\nusers:\n- name: default\n  user:\n    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token\n" },
  });
  add("apps/deployments", {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "coredns", namespace: "kube-system", labels: systemLabels },
    spec: {
      replicas: 2,
      selector: { matchLabels: systemLabels },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: "25%" } },
      template: {
        metadata: { labels: systemLabels },
        spec: {
          priorityClassName: "system-cluster-critical",
          serviceAccountName: "coredns",
          tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists" }, { key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }],
          nodeSelector: { "kubernetes.io/os": "linux" },
          containers: [{
            name: "coredns",
            image: "registry.k8s.io/coredns/coredns:v1.11.3",
            imagePullPolicy: "IfNotPresent",
            args: ["-conf", "/etc/coredns/Corefile"],
            resources: { limits: { memory: "170Mi" }, requests: { cpu: "100m", memory: "70Mi" } },
            ports: [
              { name: "dns", containerPort: 53, protocol: "UDP" },
              { name: "dns-tcp", containerPort: 53, protocol: "TCP" },
              { name: "metrics", containerPort: 9153, protocol: "TCP" },
            ],
            readinessProbe: { httpGet: { path: "/ready", port: 8181, scheme: "HTTP" }, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
            livenessProbe: { httpGet: { path: "/health", port: 8080, scheme: "HTTP" }, initialDelaySeconds: 60, periodSeconds: 10, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 5 },
            volumeMounts: [{ name: "config-volume", mountPath: "/etc/coredns", readOnly: true }],
          }],
          dnsPolicy: "Default",
          volumes: [{ name: "config-volume", configMap: { name: "coredns", items: [{ key: "Corefile", path: "Corefile" }] } }],
        },
      },
    },
  });
  add("/serviceaccounts", { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "coredns", namespace: "kube-system" } });
  add("/serviceaccounts", { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "kube-proxy", namespace: "kube-system" } });
  add("apps/daemonsets", {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: "kube-proxy", namespace: "kube-system", labels: { "k8s-app": "kube-proxy" } },
    spec: {
      selector: { matchLabels: { "k8s-app": "kube-proxy" } },
      template: {
        metadata: { labels: { "k8s-app": "kube-proxy" } },
        spec: {
          priorityClassName: "system-node-critical",
          serviceAccountName: "kube-proxy",
          hostNetwork: true,
          nodeSelector: { "kubernetes.io/os": "linux" },
          tolerations: [{ operator: "Exists" }],
          containers: [{
            name: "kube-proxy",
            image: `registry.k8s.io/kube-proxy:${KUBE_VERSION}`,
            imagePullPolicy: "IfNotPresent",
            command: ["/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf", "--hostname-override=$(NODE_NAME)"],
            env: [{ name: "NODE_NAME", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "spec.nodeName" } } }],
            securityContext: { privileged: true },
            volumeMounts: [{ name: "kube-proxy", mountPath: "/var/lib/kube-proxy" }],
          }],
          volumes: [{ name: "kube-proxy", configMap: { name: "kube-proxy" } }],
        },
      },
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } },
    },
  });
  add("storage.k8s.io/storageclasses", {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: { name: "standard", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
    provisioner: "rancher.io/local-path",
    reclaimPolicy: "Delete",
    volumeBindingMode: "Immediate",
  });
  add("storage.k8s.io/storageclasses", {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: { name: "nfs-client" },
    provisioner: "k8s-sigs.io/nfs-subdir-external-provisioner",
    parameters: { archiveOnDelete: "false" },
    reclaimPolicy: "Delete",
    volumeBindingMode: "Immediate",
  });
  for (const role of BOOTSTRAP_CLUSTER_ROLES) add("rbac.authorization.k8s.io/clusterroles", role);
  for (const binding of BOOTSTRAP_CLUSTER_ROLE_BINDINGS) add("rbac.authorization.k8s.io/clusterrolebindings", binding);
  return out;
}
