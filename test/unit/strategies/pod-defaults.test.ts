import { describe, expect, it } from "vitest";
import { defaultPullPolicy } from "../../../src/api/defaults/pod-defaults";
import { podQOSClass } from "../../../src/api/defaults/pod-admission";
import { create } from "./helpers";

// the body `kubectl run nginx --image=nginx` sends
const kubectlRun = {
  kind: "Pod",
  apiVersion: "v1",
  metadata: { name: "nginx", creationTimestamp: null, labels: { run: "nginx" } },
  spec: { containers: [{ name: "nginx", image: "nginx", resources: {} }], restartPolicy: "Always", dnsPolicy: "ClusterFirst" },
  status: {},
};

describe("pod defaults", () => {
  it.each([
    ["nginx", "Always"],
    ["nginx:latest", "Always"],
    ["nginx:1.25", "IfNotPresent"],
    ["localhost:5000/nginx", "Always"],
    ["localhost:5000/nginx:v2", "IfNotPresent"],
    ["nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "IfNotPresent"],
  ])("imagePullPolicy for %s is %s", (image, policy) => {
    expect(defaultPullPolicy(image)).toBe(policy);
  });

  it("fills the kubectl run body like a real server", () => {
    const { obj, messages } = create(kubectlRun);
    expect(messages).toEqual([]);
    expect(obj.spec).toEqual({
      containers: [
        {
          name: "nginx",
          image: "nginx",
          imagePullPolicy: "Always",
          resources: {},
          terminationMessagePath: "/dev/termination-log",
          terminationMessagePolicy: "File",
        },
      ],
      restartPolicy: "Always",
      dnsPolicy: "ClusterFirst",
      terminationGracePeriodSeconds: 30,
      securityContext: {},
      schedulerName: "default-scheduler",
      enableServiceLinks: true,
      serviceAccountName: "default",
      serviceAccount: "default",
      priority: 0,
      preemptionPolicy: "PreemptLowerPriority",
      tolerations: [
        { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
        { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
      ],
    });
    expect(obj.status).toEqual({ phase: "Pending", qosClass: "BestEffort" });
  });

  it("keeps an explicit Never pull policy and a user toleration for not-ready", () => {
    const { obj } = create({
      ...kubectlRun,
      spec: {
        containers: [{ name: "c", image: "busybox", imagePullPolicy: "Never" }],
        tolerations: [{ key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 10 }],
      },
    });
    const spec = obj.spec as { containers: Array<{ imagePullPolicy: string }>; tolerations: unknown[] };
    expect(spec.containers[0].imagePullPolicy).toBe("Never");
    expect(spec.tolerations).toEqual([
      { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 10 },
      { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
    ]);
  });

  it("defaults ports, probes, env field refs, volumes and requests from limits", () => {
    const { obj, messages } = create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p" },
      spec: {
        containers: [
          {
            name: "app",
            image: "nginx:1.25",
            ports: [{ containerPort: 80 }],
            env: [{ name: "NODE", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } }],
            livenessProbe: { httpGet: { port: 80 } },
            readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 },
            resources: { limits: { cpu: "500m", memory: "128Mi" } },
            volumeMounts: [{ name: "cache", mountPath: "/cache" }, { name: "cfg", mountPath: "/etc/cfg" }, { name: "host", mountPath: "/h" }],
          },
        ],
        volumes: [{ name: "cache" }, { name: "cfg", configMap: { name: "cfg" } }, { name: "host", hostPath: { path: "/tmp" } }],
      },
    });
    expect(messages).toEqual([]);
    const spec = obj.spec as Record<string, unknown> & { containers: Array<Record<string, unknown>> };
    const c = spec.containers[0];
    expect(c.ports).toEqual([{ containerPort: 80, protocol: "TCP" }]);
    expect(c.env).toEqual([{ name: "NODE", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "spec.nodeName" } } }]);
    expect(c.livenessProbe).toEqual({ httpGet: { port: 80, path: "/", scheme: "HTTP" }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(c.readinessProbe).toEqual({ tcpSocket: { port: 80 }, timeoutSeconds: 1, periodSeconds: 5, successThreshold: 1, failureThreshold: 3 });
    expect(c.resources).toEqual({ limits: { cpu: "500m", memory: "128Mi" }, requests: { cpu: "500m", memory: "128Mi" } });
    expect(spec.volumes).toEqual([
      { name: "cache", emptyDir: {} },
      { name: "cfg", configMap: { name: "cfg", defaultMode: 420 } },
      { name: "host", hostPath: { path: "/tmp", type: "" } },
    ]);
    expect(obj.status).toEqual({ phase: "Pending", qosClass: "Guaranteed" });
  });

  it("replaces whatever status the client sent", () => {
    const { obj } = create({ ...kubectlRun, status: { phase: "Running", podIP: "1.2.3.4" } });
    expect(obj.status).toEqual({ phase: "Pending", qosClass: "BestEffort" });
  });
});

describe("QoS class", () => {
  const withResources = (...resources: Array<Record<string, unknown>>) => ({ containers: resources.map((r, i) => ({ name: `c${i}`, resources: r })) });
  it.each([
    [withResources({}), "BestEffort"],
    [withResources({ requests: { cpu: "100m" } }), "Burstable"],
    [withResources({ requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } }), "Guaranteed"],
    [withResources({ requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } }, {}), "Burstable"],
    [withResources({ requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } }), "Burstable"],
    [withResources({ requests: { cpu: "0" } }), "BestEffort"],
  ])("%j is %s", (spec, qos) => {
    expect(podQOSClass(spec)).toBe(qos);
  });
});
