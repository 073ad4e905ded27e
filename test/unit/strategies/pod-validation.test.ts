import { describe, expect, it } from "vitest";
import { cloneAs, create, update } from "./helpers";
import { POD_UPDATE_FORBIDDEN } from "../../../src/api/strategies/pod-update";

const pod = (spec: Record<string, unknown>, name = "p") => ({ apiVersion: "v1", kind: "Pod", metadata: { name }, spec });
const nginx = { name: "nginx", image: "nginx" };

describe("pod validation messages", () => {
  it.each([
    [
      "bad name",
      pod({ containers: [nginx] }, "Bad_Name"),
      [
        `metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      ],
    ],
    ["no containers", pod({ containers: [] }), ["spec.containers: Required value"]],
    ["duplicate container", pod({ containers: [nginx, nginx] }), ['spec.containers[1].name: Duplicate value: "nginx"']],
    ["missing image", pod({ containers: [{ name: "c" }] }), ["spec.containers[0].image: Required value"]],
    [
      "request above limit",
      pod({ containers: [{ ...nginx, resources: { requests: { memory: "200Mi" }, limits: { memory: "100Mi" } } }] }),
      ['spec.containers[0].resources.requests: Invalid value: "200Mi": must be less than or equal to memory limit of 100Mi'],
    ],
    [
      "bad restart policy",
      pod({ containers: [nginx], restartPolicy: "Sometimes" }),
      ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
    ],
    [
      "probe with two handlers",
      pod({ containers: [{ ...nginx, livenessProbe: { exec: { command: ["true"] }, tcpSocket: { port: 80 } } }] }),
      ["spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type"],
    ],
    [
      "probe without handler",
      pod({ containers: [{ ...nginx, readinessProbe: { periodSeconds: 3 } }] }),
      ["spec.containers[0].readinessProbe: Required value: must specify a handler type"],
    ],
    [
      "port out of range",
      pod({ containers: [{ ...nginx, ports: [{ containerPort: 70000 }] }] }),
      ["spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive"],
    ],
    [
      "bad protocol",
      pod({ containers: [{ ...nginx, ports: [{ containerPort: 80, protocol: "HTTP" }] }] }),
      ['spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'],
    ],
    [
      "mount of an unknown volume",
      pod({ containers: [{ ...nginx, volumeMounts: [{ name: "data", mountPath: "/data" }] }] }),
      ['spec.containers[0].volumeMounts[0].name: Not found: "data"'],
    ],
    [
      "duplicate volume and two sources",
      pod({ containers: [nginx], volumes: [{ name: "v", emptyDir: {} }, { name: "v", emptyDir: {}, hostPath: { path: "/x" } }] }),
      ["spec.volumes[1].emptyDir: Forbidden: may not specify more than 1 volume type", 'spec.volumes[1].name: Duplicate value: "v"'],
    ],
    [
      "bad env name",
      pod({ containers: [{ ...nginx, env: [{ name: "1ABC", value: "x" }] }] }),
      [
        `spec.containers[0].env[0].name: Invalid value: "1ABC": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`,
      ],
    ],
    [
      "bad node selector label",
      pod({ containers: [nginx], nodeSelector: { disk: "ssd drive" } }),
      [
        `spec.nodeSelector: Invalid value: "ssd drive": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      ],
    ],
  ])("%s", (_label, input, expected) => {
    expect(create(input).messages).toEqual(expected);
  });

  it("rejects bad labels like the course shows", () => {
    const { messages } = create({ ...pod({ containers: [nginx] }), metadata: { name: "p", labels: { "-bad": "x" } } });
    expect(messages[0]).toMatch(/^metadata\.labels: Invalid value: "-bad": name part must consist of alphanumeric characters/);
  });
});

describe("pod updates", () => {
  const base = create(pod({ containers: [nginx] })).obj;

  it("allow changing the image and labels", () => {
    const next = cloneAs<Record<string, unknown> & { spec: { containers: Array<{ image: string }> }; metadata: { labels?: Record<string, string> } }>(base);
    next.spec.containers[0].image = "nginx:1.25";
    next.metadata.labels = { a: "b" };
    expect(update(base, next).messages).toEqual([]);
  });

  it("forbid changing anything else", () => {
    const next = cloneAs<Record<string, unknown> & { spec: { containers: Array<Record<string, unknown>> } }>(base);
    next.spec.containers[0].ports = [{ containerPort: 8080, protocol: "TCP" }];
    const { messages } = update(base, next);
    expect(messages).toHaveLength(1);
    expect(messages[0].startsWith(`spec: Forbidden: ${POD_UPDATE_FORBIDDEN}\n`)).toBe(true);
    expect(POD_UPDATE_FORBIDDEN).toBe(
      "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
    );
  });

  it("allow adding a toleration but not removing one", () => {
    const added = cloneAs<Record<string, unknown> & { spec: { tolerations: unknown[] } }>(base);
    added.spec.tolerations = [...added.spec.tolerations, { key: "k", operator: "Exists", effect: "NoSchedule" }];
    expect(update(base, added).messages).toEqual([]);
    const removed = cloneAs<Record<string, unknown> & { spec: { tolerations: unknown[] } }>(base);
    removed.spec.tolerations = [];
    expect(update(base, removed).messages[0]).toMatch(/^spec: Forbidden: pod updates may not change/);
  });
});
