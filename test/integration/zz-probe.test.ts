import { it } from "vitest";
import { api, createCluster } from "./bad-input-helpers";
it("probe", async () => {
  const c = await createCluster({ profile: "fast" });
  const t0 = Date.now();
  let t = Date.now();
  for (let i = 0; i < 400; i++) {
    await (await api(c, "/api/v1/namespaces/default/configmaps/nope")).text();
    if (i % 100 === 99) { console.log("GET missing", i, Date.now() - t); t = Date.now(); }
  }
  for (let i = 0; i < 400; i++) {
    await (await api(c, "/api/v1/namespaces/default/configmaps", { method: "POST", body: "{" })).text();
    if (i % 100 === 99) { console.log("bad POST", i, Date.now() - t); t = Date.now(); }
  }
  for (let i = 0; i < 300; i++) {
    await (await api(c, "/api/v1/namespaces/default/configmaps/nope")).text();
    if (i % 100 === 99) { console.log("GET missing again", i, Date.now() - t); t = Date.now(); }
  }
  console.log("total", Date.now() - t0);
}, 120000);
