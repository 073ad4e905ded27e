import { describe, expect, it } from "vitest";
import type { ConfigMap, Namespace, Secret } from "../../../src/api/kinds";
import { configMapTable, secretTable, serviceAccountTable } from "../../../src/api/tables/config";
import {
  clusterRoleBindingTable,
  namespaceTable,
  podDisruptionBudgetTable,
  priorityClassTable,
  resourceQuotaTable,
  roleBindingTable,
} from "../../../src/api/tables/misc";
import { horizontalPodAutoscalerTable, type HorizontalPodAutoscaler } from "../../../src/api/tables/autoscaling";
import { ago, ctx } from "./helpers";

describe("ConfigMap, Secret, ServiceAccount", () => {
  it("ConfigMap DATA counts data and binaryData keys", () => {
    const cm: ConfigMap = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "app-config", creationTimestamp: ago(90) },
      data: { "app.properties": "x=1", LOG_LEVEL: "debug" },
      binaryData: { "logo.png": "iVBORw0=" },
    };
    expect(configMapTable.cells(cm, ctx)).toEqual(["app-config", 3, "90s"]);
    expect(configMapTable.cells({ ...cm, data: undefined, binaryData: undefined }, ctx)[1]).toBe(0);
  });

  it("Secret TYPE DATA", () => {
    const s: Secret = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "db-pass", creationTimestamp: ago(90) },
      type: "kubernetes.io/basic-auth",
      data: { username: "YWRtaW4=", password: "czNjcjN0" },
    };
    expect(secretTable.columns.map((c) => c.name)).toEqual(["Name", "Type", "Data", "Age"]);
    expect(secretTable.cells(s, ctx)).toEqual(["db-pass", "kubernetes.io/basic-auth", 2, "90s"]);
  });

  it("ServiceAccount SECRETS", () => {
    const sa = { apiVersion: "v1" as const, kind: "ServiceAccount" as const, metadata: { name: "default", creationTimestamp: ago(86400) } };
    expect(serviceAccountTable.cells(sa, ctx)).toEqual(["default", 0, "24h"]);
    expect(serviceAccountTable.cells({ ...sa, secrets: [{ name: "tok" }] }, ctx)[1]).toBe(1);
  });
});

describe("Namespace and ResourceQuota", () => {
  it("Namespace STATUS", () => {
    const ns: Namespace = { apiVersion: "v1", kind: "Namespace", metadata: { name: "demo", creationTimestamp: ago(3 * 3600) }, status: { phase: "Active" } };
    expect(namespaceTable.cells(ns, ctx)).toEqual(["demo", "Active", "3h"]);
    expect(namespaceTable.cells({ ...ns, status: { phase: "Terminating" } }, ctx)[1]).toBe("Terminating");
  });

  it("ResourceQuota splits requests and limits, sorted, canonical quantities", () => {
    const rq = {
      apiVersion: "v1" as const,
      kind: "ResourceQuota" as const,
      metadata: { name: "compute", creationTimestamp: ago(60) },
      status: {
        hard: { "requests.cpu": "1", "requests.memory": "1024Mi", "limits.cpu": "2", "limits.memory": "2Gi", pods: "10" },
        used: { "requests.cpu": "0.5", "requests.memory": "256Mi", "limits.cpu": "1", pods: "2" },
      },
    };
    expect(resourceQuotaTable.cells(rq, ctx)).toEqual([
      "compute",
      "pods: 2/10, requests.cpu: 500m/1, requests.memory: 256Mi/1Gi",
      "limits.cpu: 1/2, limits.memory: 0/2Gi",
      "60s",
    ]);
  });
});

describe("RBAC bindings", () => {
  it("RoleBinding ROLE | USERS GROUPS SERVICEACCOUNTS", () => {
    const rb = {
      apiVersion: "rbac.authorization.k8s.io/v1" as const,
      kind: "RoleBinding" as const,
      metadata: { name: "read-pods", namespace: "default", creationTimestamp: ago(60) },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "pod-reader" },
      subjects: [
        { kind: "User", name: "jane", apiGroup: "rbac.authorization.k8s.io" },
        { kind: "User", name: "bob", apiGroup: "rbac.authorization.k8s.io" },
        { kind: "Group", name: "devs", apiGroup: "rbac.authorization.k8s.io" },
        { kind: "ServiceAccount", name: "ci", namespace: "build" },
      ],
    };
    expect(roleBindingTable.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      "Name:0",
      "Role:0",
      "Age:0",
      "Users:1",
      "Groups:1",
      "ServiceAccounts:1",
    ]);
    expect(roleBindingTable.cells(rb, ctx)).toEqual(["read-pods", "Role/pod-reader", "60s", "jane, bob", "devs", "build/ci"]);
    const crb = { ...rb, kind: "ClusterRoleBinding" as const, roleRef: { ...rb.roleRef, kind: "ClusterRole", name: "view" }, subjects: undefined };
    expect(clusterRoleBindingTable.cells(crb, ctx)).toEqual(["read-pods", "ClusterRole/view", "60s", "", "", ""]);
    expect(clusterRoleBindingTable.columns[3].description).toBe("Users in the clusterRoleBinding");
  });
});

describe("PodDisruptionBudget and PriorityClass", () => {
  it("PDB MIN AVAILABLE / MAX UNAVAILABLE", () => {
    const pdb = {
      apiVersion: "policy/v1" as const,
      kind: "PodDisruptionBudget" as const,
      metadata: { name: "zk", creationTimestamp: ago(60) },
      spec: { minAvailable: 2 },
      status: { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 },
    };
    expect(podDisruptionBudgetTable.cells(pdb, ctx)).toEqual(["zk", "2", "N/A", 1, "60s"]);
    expect(podDisruptionBudgetTable.cells({ ...pdb, spec: { maxUnavailable: "25%" } }, ctx).slice(1, 3)).toEqual(["N/A", "25%"]);
  });

  it("PriorityClass VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY", () => {
    const pc = {
      apiVersion: "scheduling.k8s.io/v1" as const,
      kind: "PriorityClass" as const,
      metadata: { name: "high", creationTimestamp: ago(60) },
      value: 1000000,
      preemptionPolicy: "PreemptLowerPriority" as const,
    };
    expect(priorityClassTable.cells(pc, ctx)).toEqual(["high", 1000000, false, "60s", "PreemptLowerPriority"]);
  });
});

describe("HorizontalPodAutoscaler", () => {
  const hpa: HorizontalPodAutoscaler = {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: "php-apache", creationTimestamp: ago(600) },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "php-apache" },
      minReplicas: 1,
      maxReplicas: 10,
      metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 50 } } }],
    },
    status: { currentReplicas: 1, desiredReplicas: 1 },
  };

  it("TARGETS shows <unknown> until metrics arrive, then the utilisation", () => {
    expect(horizontalPodAutoscalerTable.cells(hpa, ctx)).toEqual(["php-apache", "Deployment/php-apache", "cpu: <unknown>/50%", "1", 10, 1, "10m"]);
    const measured: HorizontalPodAutoscaler = {
      ...hpa,
      status: { currentReplicas: 4, desiredReplicas: 4, currentMetrics: [{ type: "Resource", resource: { name: "cpu", current: { averageUtilization: 250, averageValue: "500m" } } }] },
    };
    expect(horizontalPodAutoscalerTable.cells(measured, ctx).slice(2, 6)).toEqual(["cpu: 250%/50%", "1", 10, 4]);
  });

  it("value targets, several metrics and the + N more... cap", () => {
    const many: HorizontalPodAutoscaler = {
      ...hpa,
      spec: {
        ...hpa.spec!,
        minReplicas: undefined,
        metrics: [
          { type: "Resource", resource: { name: "memory", target: { type: "AverageValue", averageValue: "512Mi" } } },
          { type: "Pods", pods: { metric: { name: "packets" }, target: { type: "AverageValue", averageValue: "1k" } } },
          { type: "External", external: { metric: { name: "queue" }, target: { type: "Value", value: "30" } } },
        ],
      },
      status: { desiredReplicas: 2, currentReplicas: 2, currentMetrics: [{ type: "Resource", resource: { name: "memory", current: { averageValue: "262144Ki" } } }] },
    };
    expect(horizontalPodAutoscalerTable.cells(many, ctx).slice(2, 4)).toEqual(["memory: 256Mi/512Mi, <unknown>/1k + 1 more...", "<unset>"]);
  });

  it("autoscaling/v1 objects use targetCPUUtilizationPercentage", () => {
    const v1: HorizontalPodAutoscaler = {
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: { name: "old", creationTimestamp: ago(60) },
      spec: { scaleTargetRef: { kind: "Deployment", name: "web" }, maxReplicas: 5, targetCPUUtilizationPercentage: 80 },
      status: { currentReplicas: 2, desiredReplicas: 2, currentCPUUtilizationPercentage: 12 },
    };
    expect(horizontalPodAutoscalerTable.cells(v1, ctx).slice(1, 4)).toEqual(["Deployment/web", "cpu: 12%/80%", "<unset>"]);
    expect(horizontalPodAutoscalerTable.cells({ ...v1, spec: { scaleTargetRef: { kind: "Deployment", name: "web" }, maxReplicas: 5 } }, ctx)[2]).toBe("<none>");
  });
});
