// Seeded random mutations of valid objects of every resource, sent as create, update and every patch
// type: the server never answers 500, every failure is a Status, a failed write changes nothing, and
// whatever a successful write stored can be read back, listed and printed as a Table.
import { beforeAll, describe, expect, it } from "vitest";
import { RESOURCES } from "../../src/api/registry";
import type { ResourceDef } from "../../src/api/resource";
import { api, collectionPath, createCluster, itemPath, sampleFor, withTimeout, type Cluster } from "./bad-input-helpers";

const NS = "fuzz";
const SEED = 20240611;
const ROUNDS = 300;
const TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json } & { metadata: { [k: string]: Json } };

/** mulberry32: small, fast and the same on every run */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALUES: Json[] = [null, "", "x", "-bad-", "Bad_Value", -1, 0, 1, 1.5, 2 ** 31, 1e300, true, false, [], {}, ["a"], [1, 2], { a: "b" }, { a: 1 }, "a".repeat(300), "💥", "2024-13-45T99:99:99Z", "1Gi", "100m", "*/5 * * * *"];

type Path = Array<string | number>;

function paths(v: Json, prefix: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  out.push(prefix);
  return out;
}

function parentOf(root: Json, path: Path): Json | undefined {
  let v: Json | undefined = root;
  for (const seg of path.slice(0, -1)) v = v !== null && typeof v === "object" ? (v as Record<string | number, Json>)[seg] : undefined;
  return v;
}

/** one random change somewhere in the object: a new value, a removal, an unknown key, a wrapped value */
function mutate(obj: Obj, next: () => number): void {
  const all = paths(obj).filter((p) => p.length > 0);
  // earlier mutations may have removed everything
  if (!all.length) return;
  const path = all[Math.floor(next() * all.length)];
  const parent = parentOf(obj, path) as Record<string | number, Json> | undefined;
  if (!parent || typeof parent !== "object") return;
  const key = path[path.length - 1];
  const pick = () => structuredClone(VALUES[Math.floor(next() * VALUES.length)]);
  const r = next();
  if (r < 0.5) parent[key] = pick();
  else if (r < 0.65) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (r < 0.8) {
    const target = parent[key];
    if (target !== null && typeof target === "object" && !Array.isArray(target)) target[`fuzz${Math.floor(next() * 100)}`] = pick();
    else parent[key] = [target];
  } else if (r < 0.9) parent[key] = JSON.stringify(parent[key] ?? null);
  else if (Array.isArray(parent)) parent.push(structuredClone(parent[Number(key)]));
  else parent[key] = { value: parent[key] };
}

function jsonPointer(path: Path): string {
  return `/${path.map((s) => String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;
}

interface Target {
  def: ResourceDef;
  name: string;
  sample: Obj;
}

describe("fuzzed writes", () => {
  let c: Cluster;
  const targets: Target[] = [];
  beforeAll(async () => {
    c = await createCluster();
    expect((await api(c, "/api/v1/namespaces", { method: "POST", body: JSON.stringify({ metadata: { name: NS } }) })).status).toBe(201);
    for (const def of RESOURCES.filter((d) => d.plural !== "bindings" && d.plural !== "namespaces" && !d.review)) {
      const name = `fz-${def.plural.slice(0, 24)}${def.group ? "-g" : ""}`;
      const sample = sampleFor(def, name, NS) as Obj;
      const res = await api(c, collectionPath(def, NS), { method: "POST", body: JSON.stringify(sample) });
      expect(res.status, await res.clone().text()).toBe(201);
      targets.push({ def, name, sample });
    }
  });

  it(`survives ${ROUNDS} seeded mutations through create, update and patch`, async () => {
    const next = rng(SEED);
    const failures: string[] = [];
    const outcomes: Record<string, number> = {};
    const stored = async (t: Target, name = t.name) => {
      const res = await api(c, itemPath(t.def, NS, name));
      return res.status === 200 ? await res.text() : String(res.status);
    };
    for (let round = 0; round < ROUNDS; round++) {
      const t = targets[Math.floor(next() * targets.length)];
      let now = await stored(t);
      if (now === "404") {
        // an accepted write may end an object's life (a finalizer removed, an owner that is not there)
        await api(c, collectionPath(t.def, NS), { method: "POST", body: JSON.stringify(t.sample) });
        now = await stored(t);
      }
      const current = JSON.parse(now) as Obj;
      const fresh = `fz-new-${round}`;
      const op = ["create", "update", "merge", "strategic", "json", "apply", "raw"][Math.floor(next() * 7)];
      const base = structuredClone(op === "create" ? { ...t.sample, metadata: { ...t.sample.metadata, name: fresh } } : current) as Obj;
      if (op === "update") delete base.metadata.resourceVersion;
      const mutations = 1 + Math.floor(next() * 3);
      for (let m = 0; m < mutations; m++) mutate(base, next);
      let method = "PUT";
      let path = itemPath(t.def, NS, t.name);
      let contentType = "application/json";
      let body = JSON.stringify(base);
      switch (op) {
        case "create":
          method = "POST";
          path = collectionPath(t.def, NS);
          break;
        case "merge":
        case "strategic":
          method = "PATCH";
          contentType = `application/${op === "merge" ? "merge" : "strategic-merge"}-patch+json`;
          break;
        case "json": {
          method = "PATCH";
          contentType = "application/json-patch+json";
          const all = paths(current);
          const p = all[Math.floor(next() * all.length)];
          const kind = ["add", "replace", "remove", "test", "move", "copy"][Math.floor(next() * 6)];
          const value = structuredClone(VALUES[Math.floor(next() * VALUES.length)]);
          body = JSON.stringify([{ op: kind, path: jsonPointer(p), from: jsonPointer(all[Math.floor(next() * all.length)]), value }]);
          break;
        }
        case "apply":
          method = "PATCH";
          path = `${path}?fieldManager=fuzz&force=${next() < 0.5}`;
          contentType = "application/apply-patch+yaml";
          break;
        case "raw": {
          // the serialisation itself broken: cut short, or a stray character
          const at = Math.floor(next() * body.length);
          body = next() < 0.5 ? body.slice(0, at) : `${body.slice(0, at)}${"{}[],:\"\\x"[Math.floor(next() * 10)]}${body.slice(at)}`;
          break;
        }
      }
      const before = await stored(t);
      const freshBefore = await stored(t, fresh);
      const label = `#${round} ${op} ${t.def.plural}${t.def.group ? `.${t.def.group}` : ""} ${body.slice(0, 160)}`;
      let res: Response;
      let text: string;
      try {
        res = await withTimeout(api(c, path, { method, body, headers: { "content-type": contentType } }), 3000);
        text = await withTimeout(res.text(), 3000);
      } catch (e) {
        failures.push(`${label}: no answer (${String(e)})`);
        continue;
      }
      outcomes[`${op} ${res.status}`] = (outcomes[`${op} ${res.status}`] ?? 0) + 1;
      let answer: { kind?: string; code?: number; status?: string; metadata?: { name?: string } };
      try {
        answer = JSON.parse(text) as typeof answer;
      } catch {
        failures.push(`${label}: HTTP ${res.status}, body is not JSON: ${text.slice(0, 160)}`);
        continue;
      }
      if (res.status >= 500) failures.push(`${label}: HTTP ${res.status}: ${text.slice(0, 300)}`);
      if (res.status >= 400) {
        if (answer.kind !== "Status" || answer.code !== res.status || answer.status !== "Failure") failures.push(`${label}: failure without a Status: ${text.slice(0, 200)}`);
        if ((await stored(t)) !== before) failures.push(`${label}: a failed write changed ${t.name}`);
        if ((await stored(t, fresh)) !== freshBefore) failures.push(`${label}: a failed write created ${fresh}`);
        continue;
      }
      // whatever was accepted must read back, list and print
      const name = answer.metadata?.name ?? t.name;
      const reads = [itemPath(t.def, NS, name), collectionPath(t.def, NS)];
      for (const read of reads) {
        for (const accept of ["application/json", TABLE]) {
          const r = await api(c, read, { headers: { accept } });
          if (r.status !== 200) failures.push(`${label}: then GET ${read} (${accept.slice(0, 16)}) → ${r.status} ${(await r.text()).slice(0, 200)}`);
        }
      }
      if (op === "create" && name !== t.name) await api(c, `${itemPath(t.def, NS, name)}?gracePeriodSeconds=0`, { method: "DELETE" });
    }
    expect(failures.join("\n")).toBe("");
    // the mutations must reach the server's logic, not only its decoder
    const accepted = Object.entries(outcomes).filter(([k]) => /\s2\d\d$/.test(k)).reduce((n, [, v]) => n + v, 0);
    expect(accepted).toBeGreaterThan(ROUNDS / 10);
  }, 60_000);
});
