// GET /version. The gcloud kubectl dispatcher picks the client binary from `minor`, so it must
// match the kubectl the product pins (1.31).

export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

export const SERVER_GIT_VERSION = "v1.31.4";

export const DEFAULT_VERSION_INFO: VersionInfo = {
  major: "1",
  minor: "31",
  gitVersion: SERVER_GIT_VERSION,
  gitCommit: "a78aa47129b8539636eb86a9d00e31b2720fe06b",
  gitTreeState: "clean",
  buildDate: "2024-12-10T18:37:04Z",
  goVersion: "go1.22.9",
  compiler: "gc",
  platform: "linux/amd64",
};

/** Version body; `gitVersion` overrides also re-derive major/minor unless those are given. */
export function buildVersionInfo(overrides: Partial<VersionInfo> = {}): VersionInfo {
  const info: VersionInfo = { ...DEFAULT_VERSION_INFO, ...overrides };
  const parsed = /^v(\d+)\.(\d+)\./.exec(info.gitVersion);
  if (parsed && overrides.gitVersion !== undefined) {
    if (overrides.major === undefined) info.major = parsed[1];
    if (overrides.minor === undefined) info.minor = parsed[2];
  }
  return info;
}
