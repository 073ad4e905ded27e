// Programs that never wait: busy loops and endless output in the node shell and in containers must
// come back with a bounded answer, and must not hold the cluster up.
import { describe, expect, it } from "vitest";
import { ADMIN, BASE, api, call, createCluster } from "./harness";

describe("programs that never wait", () => {
  it("end in the node shell with a bounded answer", async () => {
    const c = await createCluster();
    const cases: Array<[string, number | null]> = [["while true; do :; done", null], ["yes | head -3", 0], ["while true; do echo x; done", null]];
    for (const [command, exitCode] of cases) {
      const r = await api(c, "/netsim/nodes/k8s-master1/exec", { method: "POST", body: JSON.stringify({ command }) });
      expect(r.status, command).toBe(200);
      const out = (await r.json()) as { stdout: string; exitCode: number | null };
      expect(out.exitCode, command).toBe(exitCode);
      expect(out.stdout.length, command).toBeLessThan(1 << 20);
    }
  });

  it("refuse to build words and fields larger than the shell could allocate", async () => {
    const c = await createCluster();
    const run = async (command: string) => (await (await api(c, "/netsim/nodes/k8s-master1/exec", { method: "POST", body: JSON.stringify({ command }) })).json()) as { stdout: string; stderr: string; exitCode: number | null };
    const doubling = await run("a=x; while true; do a=$a$a; done");
    expect(doubling.stderr).toMatch(/^bash: xmalloc: cannot allocate \d+ bytes/);
    expect(await run("printf '%0100000000d' 0 | wc -c")).toEqual({ stdout: "0\n", stderr: "bash: printf: write error: Cannot allocate memory\n", exitCode: 0 });
    expect((await run("printf '%05d|%-3s|' 42 ab")).stdout).toBe("00042|ab |");
  });

  it("keep a container busy without stalling the cluster's clock", async () => {
    const c = await createCluster();
    const pod = { metadata: { name: "spin" }, spec: { containers: [{ name: "c", image: "busybox:1.28", command: ["sh", "-c", "while true; do :; done"] }] } };
    expect((await api(c, "/api/v1/namespaces/default/pods", { method: "POST", body: JSON.stringify(pod) })).status).toBe(201);
    const advance = (s: number) => call(`${BASE}/v1/clusters/${c.id}/clock`, { method: "POST", headers: ADMIN, body: JSON.stringify({ advanceSeconds: s }) });
    expect((await advance(30)).status).toBe(200);
    expect((await advance(3600)).status).toBe(200);
    const status = (await (await api(c, "/api/v1/namespaces/default/pods/spin")).json()) as { status: { phase: string; containerStatuses: Array<{ restartCount: number; state: Record<string, unknown> }> } };
    expect(status.status.phase).toBe("Running");
    expect(status.status.containerStatuses[0].restartCount).toBe(0);
    expect(Object.keys(status.status.containerStatuses[0].state)).toEqual(["running"]);
  });
});
