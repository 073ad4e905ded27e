export type ClusterProfile = "realistic" | "fast";

/** what the hosted API tells about a cluster (never its token) */
export interface ClusterInfo {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string | null;
  profile: ClusterProfile;
}

export function kubeconfigFor(info: ClusterInfo, server: string, token: string | undefined, insecure: boolean): string {
  const user = token ? `    token: ${token}\n` : "    token: <your cluster token>\n";
  return `apiVersion: v1
kind: Config
clusters:
- cluster:
    server: ${server}
${insecure ? "    insecure-skip-tls-verify: true\n" : ""}  name: ${info.id}
contexts:
- context:
    cluster: ${info.id}
    namespace: default
    user: ${info.id}
  name: ${info.name}
current-context: ${info.name}
preferences: {}
users:
- name: ${info.id}
  user:
${user}`;
}
