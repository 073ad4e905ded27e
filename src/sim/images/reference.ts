// Image reference grammar of distribution/reference (the parser containerd and the kubelet use),
// with Docker Hub normalisation: `nginx` → `docker.io/library/nginx:latest`.

export interface ImageRef {
  /** as written in the pod spec */
  raw: string;
  /** registry host, `docker.io` by default */
  domain: string;
  /** repository path without the domain, `library/nginx` */
  path: string;
  tag?: string;
  digest?: string;
  /** `docker.io/library/nginx` */
  repository: string;
  /** `docker.io/library/nginx:1.15-alpine` (or `@sha256:...`), what containerd pulls */
  full: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}$/;
const DOMAIN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?$/;

export type ParseResult = { ok: true; ref: ImageRef } | { ok: false; error: string };

export function parseImageRef(raw: string): ParseResult {
  const bad = (why = ""): ParseResult => ({ ok: false, error: `invalid reference format${why}` });
  if (raw === "" || raw.length > 255 + 128) return bad();
  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return bad();
  }
  let tag: string | undefined;
  const lastColon = rest.lastIndexOf(":");
  if (lastColon > rest.lastIndexOf("/")) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!TAG.test(tag)) return bad();
  }
  let domain = "docker.io";
  let path = rest;
  const slash = rest.indexOf("/");
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (first.includes(".") || first.includes(":") || first === "localhost" || first !== first.toLowerCase()) {
      if (!DOMAIN.test(first)) return bad();
      domain = first;
      path = rest.slice(slash + 1);
    }
  }
  if (domain === "index.docker.io") domain = "docker.io";
  if (domain === "docker.io" && !path.includes("/")) path = `library/${path}`;
  const comps = path.split("/");
  if (comps.some((c) => c === "")) return bad();
  if (comps.some((c) => !COMPONENT.test(c))) {
    if (comps.every((c) => COMPONENT.test(c.toLowerCase()))) return bad(`: repository name (${path}) must be lowercase`);
    return bad();
  }
  if (path.length > 255) return bad(": repository name must not be more than 255 characters");
  const repository = `${domain}/${path}`;
  if (!tag && !digest) tag = "latest";
  const full = digest ? `${repository}@${digest}` : `${repository}:${tag}`;
  return { ok: true, ref: { raw, domain, path, tag, digest, repository, full } };
}

/** The kubelet's default pull policy: Always for `:latest` or no tag, IfNotPresent otherwise. */
export function defaultPullPolicy(raw: string): "Always" | "IfNotPresent" {
  const parsed = parseImageRef(raw);
  if (!parsed.ok) return "IfNotPresent";
  if (parsed.ref.digest) return "IfNotPresent";
  return parsed.ref.tag === "latest" ? "Always" : "IfNotPresent";
}
