// /version, /api, /apis and per group-version discovery, aggregated (v2) when kubectl asks for it.
import { Hono } from "hono";
import type { ResourceDef } from "../../api/resource";
import {
  buildAggregatedDiscovery,
  buildApiGroup,
  buildApiGroupList,
  buildApiResourceList,
  buildApiVersions,
  buildVersionInfo,
  negotiateDiscovery,
} from "../../api/discovery";
import { pathNotFound } from "../../api/status";

export function discoveryRoutes(resources: ResourceDef[]): Hono {
  const app = new Hono();
  app.get("/version", (c) => c.json(buildVersionInfo()));
  const root = (scope: "api" | "apis") => (c: { req: { header(n: string): string | undefined; url: string } }) => {
    const format = negotiateDiscovery(c.req.header("accept"));
    const body =
      format.kind === "aggregated"
        ? buildAggregatedDiscovery(resources, scope, { version: format.version })
        : scope === "api"
          ? buildApiVersions(resources, new URL(c.req.url).host)
          : buildApiGroupList(resources);
    return new Response(JSON.stringify(body), { headers: { "content-type": format.contentType, vary: "Accept" } });
  };
  app.get("/api", root("api"));
  app.get("/apis", root("apis"));
  app.get("/api/:version", (c) => {
    const list = buildApiResourceList(resources, "", c.req.param("version"));
    if (!list) throw pathNotFound();
    return c.json(list);
  });
  app.get("/apis/:group", (c) => {
    const group = buildApiGroup(resources, c.req.param("group"));
    if (!group) throw pathNotFound();
    return c.json(group);
  });
  app.get("/apis/:group/:version", (c) => {
    const list = buildApiResourceList(resources, c.req.param("group"), c.req.param("version"));
    if (!list) throw pathNotFound();
    return c.json(list);
  });
  return app;
}
