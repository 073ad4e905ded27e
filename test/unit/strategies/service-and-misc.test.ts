import { describe, expect, it } from "vitest";
import { cloneAs, create, update } from "./helpers";

const service = (spec: Record<string, unknown>, name = "web") => ({ apiVersion: "v1", kind: "Service", metadata: { name }, spec });

describe("service defaults", () => {
  it("fills a ClusterIP service", () => {
    const { obj, messages } = create(service({ selector: { app: "web" }, ports: [{ port: 80 }] }));
    expect(messages).toEqual([]);
    expect(obj.spec).toEqual({
      selector: { app: "web" },
      ports: [{ port: 80, protocol: "TCP", targetPort: 80 }],
      type: "ClusterIP",
      sessionAffinity: "None",
      internalTrafficPolicy: "Cluster",
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
    });
  });

  it("adds externalTrafficPolicy to NodePort services and keeps allocated values on replace", () => {
    const { obj } = create(service({ type: "NodePort", selector: { app: "web" }, ports: [{ port: 80, targetPort: 8080 }] }));
    expect((obj.spec as Record<string, unknown>).externalTrafficPolicy).toBe("Cluster");
    const stored = cloneAs<Record<string, unknown> & { spec: Record<string, unknown> & { ports: Array<Record<string, unknown>> } }>(obj);
    stored.spec.clusterIP = "10.96.12.34";
    stored.spec.clusterIPs = ["10.96.12.34"];
    stored.spec.ports[0].nodePort = 30080;
    const replaced = update(stored, service({ type: "NodePort", selector: { app: "web" }, ports: [{ port: 80, targetPort: 8080 }] }));
    expect(replaced.messages).toEqual([]);
    expect(replaced.obj.spec).toMatchObject({ clusterIP: "10.96.12.34", clusterIPs: ["10.96.12.34"], ports: [{ port: 80, nodePort: 30080 }] });
  });
});

describe("service validation messages", () => {
  it.each([
    ["no ports", service({ selector: { app: "x" } }), ["spec.ports: Required value"]],
    [
      "name not a DNS-1035 label",
      service({ ports: [{ port: 80 }] }, "1web"),
      [
        `metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
      ],
    ],
    ["port out of range", service({ ports: [{ port: 0, targetPort: 80 }] }), ["spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive"]],
    [
      "duplicate port",
      service({ ports: [{ name: "a", port: 80 }, { name: "b", port: 80 }] }),
      [
        'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
      ],
    ],
    [
      "headless NodePort",
      service({ type: "NodePort", clusterIP: "None", ports: [{ port: 80 }] }),
      [`spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for NodePort services`],
    ],
    ["ExternalName without a name", service({ type: "ExternalName" }), ["spec.externalName: Required value"]],
    [
      "nodePort on ClusterIP",
      service({ ports: [{ port: 80, nodePort: 30001 }] }),
      ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
    ],
    [
      "unknown type",
      service({ type: "Internal", ports: [{ port: 80 }] }),
      ['spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'],
    ],
  ])("%s", (_label, input, expected) => {
    expect(create(input).messages).toEqual(expected);
  });

  it("accepts a headless service without ports and an ExternalName service", () => {
    expect(create(service({ clusterIP: "None", selector: { app: "db" } })).messages).toEqual([]);
    expect(create(service({ type: "ExternalName", externalName: "example.com" })).messages).toEqual([]);
  });

  it("does not let the clusterIP change", () => {
    const { obj } = create(service({ ports: [{ port: 80 }], clusterIP: "10.96.0.20" }));
    const next = cloneAs<Record<string, unknown> & { spec: Record<string, unknown> }>(obj);
    next.spec.clusterIP = "10.96.0.21";
    next.spec.clusterIPs = ["10.96.0.21"];
    expect(update(obj, next).messages).toEqual(['spec.clusterIPs[0]: Invalid value: []string{"10.96.0.21"}: may not change once set']);
  });
});

describe("other kinds", () => {
  it("namespaces get their name label, finalizer and phase", () => {
    const { obj, messages } = create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } });
    expect(messages).toEqual([]);
    expect(obj.metadata.labels).toEqual({ "kubernetes.io/metadata.name": "dev" });
    expect(obj.spec).toEqual({ finalizers: ["kubernetes"] });
    expect(obj.status).toEqual({ phase: "Active" });
  });

  it("namespace names are DNS labels", () => {
    expect(create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "a.b" } }).messages).toEqual(['metadata.name: Invalid value: "a.b": must not contain dots']);
  });

  it("secrets default to Opaque, storage classes and volumes get their policies", () => {
    expect(create({ apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, data: { k: "dg==" } }).obj.type).toBe("Opaque");
    const sc = create({ apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: "fast" }, provisioner: "example.com/p" });
    expect(sc.messages).toEqual([]);
    expect(sc.obj).toMatchObject({ reclaimPolicy: "Delete", volumeBindingMode: "Immediate" });
    const pv = create({
      apiVersion: "v1",
      kind: "PersistentVolume",
      metadata: { name: "pv1" },
      spec: { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"], hostPath: { path: "/data" } },
    });
    expect(pv.messages).toEqual([]);
    expect(pv.obj.spec).toMatchObject({ persistentVolumeReclaimPolicy: "Retain", volumeMode: "Filesystem" });
    const pvc = create({
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "c" },
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
    });
    expect(pvc.messages).toEqual([]);
    expect(pvc.obj.spec).toMatchObject({ volumeMode: "Filesystem" });
    expect(pvc.obj.status).toEqual({ phase: "Pending" });
  });

  it("configmap keys must be valid", () => {
    expect(create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { "a b": "x" } }).messages).toEqual([
      `data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    ]);
  });

  it("RBAC names only forbid path-breaking characters", () => {
    const role = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }] };
    expect(create({ ...role, metadata: { name: "system:controller:x" } }).messages).toEqual([]);
    expect(create({ ...role, metadata: { name: "a/b" } }).messages).toEqual(['metadata.name: Invalid value: "a/b": may not contain \'/\'']);
  });

  it("events must name an object in their namespace", () => {
    const ev = { apiVersion: "v1", kind: "Event", metadata: { name: "p.1", namespace: "default" }, involvedObject: { kind: "Pod", name: "p", namespace: "other" } };
    expect(create(ev).messages).toEqual(['involvedObject.namespace: Invalid value: "other": does not match event.namespace']);
    expect(create({ ...ev, involvedObject: { kind: "Node", name: "n1" } }).messages).toEqual([]);
  });

  it("node taints need a known effect", () => {
    const node = { apiVersion: "v1", kind: "Node", metadata: { name: "n1" }, spec: { taints: [{ key: "k", value: "v", effect: "Sometimes" }] } };
    expect(create(node).messages).toEqual(['spec.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"']);
  });
});

describe("namespace updates", () => {
  it("keep finalizers a replace leaves out, and let an explicit removal through", () => {
    const { obj } = create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } });
    expect(update(obj, { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } }).obj.spec).toEqual({ finalizers: ["kubernetes"] });
    expect(update(obj, { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" }, spec: { finalizers: [] } }).obj.spec).toEqual({ finalizers: [] });
  });
});
