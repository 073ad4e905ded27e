// Known images and the tags they really had. A tag of a known repository outside its list
// fails to pull as on Docker Hub; any other well-formed reference pulls as a generic image.
import { pseudoDigest } from "../random";
import { parseImageRef, type ImageRef } from "./reference";

export type FsFlavour = "busybox" | "alpine" | "debian" | "centos" | "ubuntu" | "scratch";
export type ProgramKind = "nginx" | "busybox" | "stress" | "perl" | "mysql" | "generic" | "shell-os" | "coredns" | "kube-proxy";

export interface ResolvedImage {
  ref: ImageRef;
  known: boolean;
  program: ProgramKind;
  flavour: FsFlavour;
  /** program version shown by `-v` style flags */
  version: string;
  entrypoint: string[];
  cmd: string[];
  env: Record<string, string>;
  workingDir: string;
  /** bytes reported by the runtime and used to compute pull time */
  sizeBytes: number;
  /** `sha256:<64 hex>` image config id */
  id: string;
  /** `docker.io/library/nginx@sha256:...` */
  repoDigest: string;
  /** key of the base filesystem (images/image-fs) */
  fsKey: string;
  /** default interactive prompt style */
  prompt: "ash" | "bash" | "bash-short" | "busyboxplus";
  /** ports the program listens on by default */
  ports: number[];
}

interface TagInfo {
  version: string;
  flavour: FsFlavour;
  sizeBytes: number;
}

interface RepoSpec {
  program: ProgramKind;
  tags: Record<string, TagInfo>;
  entrypoint: string[];
  cmd: string[];
  env: Record<string, string>;
  workingDir?: string;
  ports: number[];
  prompt?: ResolvedImage["prompt"];
}

const PATH_DEFAULT = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
const MB = 1024 * 1024;

function nginxTags(): Record<string, TagInfo> {
  const lines: Array<[string, string, boolean]> = [
    ["1.7", "1.7.9", false], ["1.9", "1.9.1", false], ["1.10", "1.10.3", true], ["1.11", "1.11.13", true],
    ["1.12", "1.12.2", true], ["1.13", "1.13.12", true], ["1.14", "1.14.2", true], ["1.15", "1.15.12", true],
    ["1.16", "1.16.1", true], ["1.17", "1.17.10", true], ["1.18", "1.18.0", true], ["1.19", "1.19.10", true],
    ["1.20", "1.20.2", true], ["1.21", "1.21.6", true], ["1.22", "1.22.1", true], ["1.23", "1.23.4", true],
    ["1.24", "1.24.0", true], ["1.25", "1.25.5", true], ["1.26", "1.26.3", true], ["1.27", "1.27.4", true],
  ];
  const tags: Record<string, TagInfo> = {};
  lines.forEach(([minor, full, alpine], i) => {
    const debian: TagInfo = { version: full, flavour: "debian", sizeBytes: Math.round((40 + i * 2.1) * MB) };
    tags[minor] = debian;
    tags[full] = debian;
    if (alpine) {
      const a: TagInfo = { version: full, flavour: "alpine", sizeBytes: Math.round((6.5 + i * 0.9) * MB) };
      tags[`${minor}-alpine`] = a;
      tags[`${full}-alpine`] = a;
    }
  });
  const newest = lines[lines.length - 1][1];
  tags.latest = tags[newest];
  tags.mainline = tags[newest];
  tags.stable = tags["1.26.3"];
  tags.alpine = tags[`${newest}-alpine`];
  tags["stable-alpine"] = tags["1.26.3-alpine"];
  tags["mainline-alpine"] = tags[`${newest}-alpine`];
  return tags;
}

function simpleTags(list: string[], version: (t: string) => string, flavour: FsFlavour, sizeMb: number): Record<string, TagInfo> {
  const tags: Record<string, TagInfo> = {};
  for (const t of list) tags[t] = { version: version(t), flavour, sizeBytes: Math.round(sizeMb * MB) };
  return tags;
}

const BUSYBOX_VERSIONS = ["1.27", "1.28", "1.29", "1.30", "1.31", "1.32", "1.33", "1.34", "1.35", "1.36"];
function busyboxTags(): Record<string, TagInfo> {
  const tags: Record<string, TagInfo> = {};
  for (const v of BUSYBOX_VERSIONS) {
    const patch = v === "1.28" ? "1.28.4" : v === "1.36" ? "1.36.1" : `${v}.0`;
    for (const t of [v, patch, `${v}-musl`, `${v}-glibc`, `${v}-uclibc`, `${patch}-musl`, `${patch}-glibc`, `${patch}-uclibc`]) {
      tags[t] = { version: patch, flavour: "busybox", sizeBytes: Math.round(2.1 * MB) };
    }
  }
  for (const t of ["latest", "stable", "musl", "glibc", "uclibc"]) tags[t] = { version: "1.36.1", flavour: "busybox", sizeBytes: Math.round(2.1 * MB) };
  return tags;
}

/** kube-proxy images follow the Kubernetes releases: v1.20.0 to v1.31.9 */
function kubeTags(): Record<string, TagInfo> {
  const list: string[] = [];
  for (let minor = 20; minor <= 31; minor++) for (let patch = 0; patch <= 9; patch++) list.push(`v1.${minor}.${patch}`);
  return simpleTags(list, (t) => t, "debian", 30);
}

const REPOS: Record<string, RepoSpec> = {
  "registry.k8s.io/coredns/coredns": {
    program: "coredns", tags: simpleTags(["v1.8.6", "v1.9.3", "v1.10.1", "v1.11.1", "v1.11.3"], (t) => t.slice(1), "scratch", 18),
    entrypoint: ["/coredns"], cmd: [], env: { PATH: PATH_DEFAULT }, ports: [53, 9153],
  },
  "registry.k8s.io/kube-proxy": {
    program: "kube-proxy", tags: kubeTags(), entrypoint: [], cmd: ["/usr/local/bin/kube-proxy"], env: { PATH: PATH_DEFAULT }, ports: [], prompt: "bash-short",
  },
  "docker.io/library/nginx": {
    program: "nginx", tags: nginxTags(), entrypoint: ["/docker-entrypoint.sh"], cmd: ["nginx", "-g", "daemon off;"],
    env: { PATH: PATH_DEFAULT }, ports: [80], prompt: "bash",
  },
  "docker.io/library/busybox": { program: "busybox", tags: busyboxTags(), entrypoint: [], cmd: ["sh"], env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" }, ports: [], prompt: "ash" },
  "docker.io/radial/busyboxplus": {
    program: "busybox", tags: simpleTags(["latest", "curl", "base", "git"], () => "1.22.1", "busybox", 4.2),
    entrypoint: [], cmd: ["/bin/sh"], env: { PATH: PATH_DEFAULT }, ports: [], prompt: "busyboxplus",
  },
  "docker.io/library/busyboxplus": {
    program: "busybox", tags: simpleTags(["latest", "curl", "base"], () => "1.22.1", "busybox", 4.2),
    entrypoint: [], cmd: ["/bin/sh"], env: { PATH: PATH_DEFAULT }, ports: [], prompt: "busyboxplus",
  },
  "docker.io/polinux/stress": {
    program: "stress", tags: simpleTags(["latest", "1.0.4"], () => "1.0.4", "alpine", 4.1),
    entrypoint: [], cmd: ["stress", "--help"], env: { PATH: PATH_DEFAULT }, ports: [], prompt: "bash-short",
  },
  "docker.io/library/perl": {
    program: "perl",
    tags: simpleTags(["latest", "5", "5.30", "5.32", "5.34", "5.36", "5.38", "5.40", "slim", "5.40-slim", "5.38-slim"], (t) => ({ "5.30": "5.30.3", "5.32": "5.32.1", "5.34": "5.34.3", "5.36": "5.36.3", "5.38": "5.38.2", "5.38-slim": "5.38.2" })[t] ?? "5.40.0", "debian", 330),
    entrypoint: [], cmd: ["perl5.40.0", "-de0"], env: { PATH: PATH_DEFAULT }, ports: [], prompt: "bash",
  },
  "docker.io/library/mysql": {
    program: "mysql",
    tags: simpleTags(["5.6", "5.7", "5.7.44", "8", "8.0", "8.0.36", "8.4", "9", "latest"], (t) => ({ "5.6": "5.6.51", "5.7": "5.7.44", "5.7.44": "5.7.44", "8": "8.0.36", "8.0": "8.0.36", "8.0.36": "8.0.36", "8.4": "8.4.0" })[t] ?? "9.0.1", "debian", 150),
    entrypoint: ["docker-entrypoint.sh"], cmd: ["mysqld"], env: { PATH: PATH_DEFAULT }, ports: [3306], prompt: "bash-short",
  },
  "docker.io/library/centos": {
    program: "shell-os", tags: simpleTags(["7", "8", "centos7", "centos8", "latest", "7.9.2009"], (t) => (t.includes("8") || t === "latest" ? "8.4.2105" : "7.9.2009"), "centos", 75),
    entrypoint: [], cmd: ["/bin/bash"], env: { PATH: PATH_DEFAULT }, ports: [], prompt: "bash",
  },
  "docker.io/library/ubuntu": {
    program: "shell-os", tags: simpleTags(["18.04", "20.04", "22.04", "24.04", "bionic", "focal", "jammy", "noble", "latest"], (t) => t, "ubuntu", 29),
    entrypoint: [], cmd: ["/bin/bash"], env: { PATH: PATH_DEFAULT }, ports: [], prompt: "bash",
  },
  "docker.io/library/alpine": {
    program: "shell-os", tags: simpleTags(["3.12", "3.15", "3.16", "3.17", "3.18", "3.19", "3.20", "latest"], (t) => t, "alpine", 3.4),
    entrypoint: [], cmd: ["/bin/sh"], env: { PATH: PATH_DEFAULT }, ports: [], prompt: "ash",
  },
  "docker.io/library/httpd": {
    program: "generic", tags: simpleTags(["2.4", "latest", "alpine", "2.4-alpine"], () => "2.4.62", "debian", 58),
    entrypoint: [], cmd: ["httpd-foreground"], env: { PATH: PATH_DEFAULT }, ports: [80], prompt: "bash",
  },
  "docker.io/library/redis": {
    program: "generic", tags: simpleTags(["6", "7", "7.2", "alpine", "latest"], () => "7.2.5", "debian", 45),
    entrypoint: ["docker-entrypoint.sh"], cmd: ["redis-server"], env: { PATH: PATH_DEFAULT }, ports: [6379], prompt: "bash",
  },
};

const PROMPT_FOR_FLAVOUR: Record<FsFlavour, ResolvedImage["prompt"]> = {
  busybox: "ash", alpine: "ash", debian: "bash", centos: "bash", ubuntu: "bash", scratch: "ash",
};

export type ResolveResult =
  | { ok: true; image: ResolvedImage }
  | { ok: false; reason: "InvalidImageName"; message: string }
  | { ok: false; reason: "NotFound"; message: string };

export function resolveImage(raw: string): ResolveResult {
  const parsed = parseImageRef(raw);
  if (!parsed.ok) {
    return { ok: false, reason: "InvalidImageName", message: `Failed to apply default image tag "${raw}": couldn't parse image reference "${raw}": ${parsed.error}` };
  }
  const ref = parsed.ref;
  const repo = REPOS[ref.repository];
  if (repo && ref.tag && !repo.tags[ref.tag]) {
    return {
      ok: false, reason: "NotFound",
      message: `rpc error: code = NotFound desc = failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": ${ref.full}: not found`,
    };
  }
  const info: TagInfo = repo
    ? ref.tag ? repo.tags[ref.tag] : (repo.tags.latest ?? Object.values(repo.tags)[0])
    : { version: "1.0.0", flavour: "alpine", sizeBytes: Math.round((5 + (parseInt(pseudoDigest(ref.repository).slice(0, 4), 16) % 120)) * MB) };
  const identity = `${ref.repository}|${info.version}|${info.flavour}`;
  const idHex = pseudoDigest(`config:${identity}`);
  const digestHex = ref.digest?.startsWith("sha256:") ? ref.digest.slice(7) : pseudoDigest(`manifest:${identity}`);
  const program = repo?.program ?? "generic";
  return {
    ok: true,
    image: {
      ref,
      known: !!repo,
      program,
      flavour: info.flavour,
      version: info.version,
      entrypoint: program === "nginx" && !nginxHasEntrypoint(info.version) ? [] : repo?.entrypoint ?? [],
      cmd: repo?.cmd ?? ["/app"],
      env: repo?.env ?? { PATH: PATH_DEFAULT },
      workingDir: repo?.workingDir ?? "/",
      sizeBytes: info.sizeBytes,
      id: `sha256:${idHex}`,
      repoDigest: `${ref.repository}@sha256:${digestHex}`,
      fsKey: `${program}|${info.flavour}|${info.version}`,
      prompt: repo?.prompt === "bash" && info.flavour === "alpine" ? "ash" : repo?.prompt ?? PROMPT_FOR_FLAVOUR[info.flavour],
      ports: repo?.ports ?? [],
    },
  };
}

/** Tags a known repository had, for messages and tests. */
export function knownTags(repository: string): string[] | undefined {
  const repo = REPOS[repository];
  return repo ? Object.keys(repo.tags) : undefined;
}

/** The official nginx images gained /docker-entrypoint.sh in 1.19. */
export function nginxHasEntrypoint(version: string): boolean {
  const [maj, min] = version.split(".").map(Number);
  return maj > 1 || min >= 19;
}
