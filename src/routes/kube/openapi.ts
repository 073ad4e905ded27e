// OpenAPI v3 documents kubectl needs for apply, edit and explain; v2 is not served (kubectl copes).
import { Hono } from "hono";
import type { ResourceDef } from "../../api/resource";
import { buildOpenApiIndex, resolveOpenApiPath } from "../../api/openapi";
import { k8sRegistry } from "../../api/schemas";
import { pathNotFound } from "../../api/status";

export function openApiRoutes(resources: ResourceDef[]): Hono {
  const app = new Hono();
  const options = { registry: k8sRegistry };
  app.get("/openapi/v3", (c) => c.json(buildOpenApiIndex(resources, options)));
  app.get("/openapi/v3/*", (c) => {
    const built = resolveOpenApiPath(resources, c.req.path.slice("/openapi/v3/".length), options);
    if (!built) throw pathNotFound();
    const etag = `"${built.hash}"`;
    const headers = { etag, "cache-control": c.req.query("hash") ? "public, immutable" : "no-cache, private", "content-type": "application/json" };
    if (c.req.header("if-none-match") === etag) return new Response(null, { status: 304, headers });
    return new Response(built.json, { headers });
  });
  app.get("/openapi/v2", () => {
    throw pathNotFound();
  });
  return app;
}
