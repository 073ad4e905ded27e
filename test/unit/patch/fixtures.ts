// Objects shaped like what the API server stores, reused by the patch tests.
export function deployment() {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name: "nginx-server1",
      namespace: "demo",
      labels: { app: "nginx-server1" },
      annotations: { "deployment.kubernetes.io/revision": "2", "kubernetes.io/change-cause": "set image" },
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "nginx-server1" } },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
      template: {
        metadata: { labels: { app: "nginx-server1" } },
        spec: {
          containers: [
            {
              name: "nginx",
              image: "nginx:1.14",
              ports: [{ containerPort: 80, protocol: "TCP" }],
              env: [{ name: "A", value: "1" }],
            },
            { name: "sidecar", image: "busybox", command: ["sleep", "3600"] },
          ],
          volumes: [{ name: "data", emptyDir: {} }],
          restartPolicy: "Always",
        },
      },
    },
    status: { replicas: 2 },
  };
}

export function service() {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "nginx-svc", namespace: "demo" },
    spec: {
      type: "ClusterIP",
      selector: { app: "nginx" },
      ports: [
        { name: "http", port: 80, protocol: "TCP", targetPort: 80 },
        { name: "https", port: 443, protocol: "TCP", targetPort: 443 },
      ],
    },
  };
}
