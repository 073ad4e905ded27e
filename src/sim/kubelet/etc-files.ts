// Files the kubelet writes into every container: /etc/hosts, /etc/hostname, /etc/resolv.conf.
import type { Pod } from "../../api/kinds";

export function hostsFile(pod: Pod, podIP: string, clusterDomain: string): string {
  const name = pod.spec?.hostname ?? pod.metadata.name ?? "";
  const ns = pod.metadata.namespace ?? "default";
  let own = `${podIP}\t${name}`;
  if (pod.spec?.subdomain) own = `${podIP}\t${name}.${pod.spec.subdomain}.${ns}.svc.${clusterDomain}\t${name}`;
  let text = `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${own}\n`;
  for (const h of pod.spec?.hostAliases ?? []) text += `\n# Entries added by HostAliases.\n${h.ip}\t${(h.hostnames ?? []).join("\t")}\n`;
  return text;
}

export function resolvConf(pod: Pod, clusterDomain: string, dnsServer: string): string {
  const ns = pod.metadata.namespace ?? "default";
  const policy = pod.spec?.dnsPolicy ?? "ClusterFirst";
  if (policy === "Default" || (policy === "ClusterFirst" && pod.spec?.hostNetwork)) return "nameserver 8.8.8.8\n";
  const cfg = pod.spec?.dnsConfig;
  const servers = policy === "None" ? cfg?.nameservers ?? [] : [dnsServer, ...(cfg?.nameservers ?? [])];
  const searches = policy === "None" ? cfg?.searches ?? [] : [`${ns}.svc.${clusterDomain}`, `svc.${clusterDomain}`, clusterDomain, ...(cfg?.searches ?? [])];
  const options = (cfg?.options ?? []).flatMap((o) => (o ? [o.value !== undefined ? `${o.name}:${o.value}` : `${o.name}`] : []));
  const opts = policy === "None" ? options : ["ndots:5", ...options.filter((o) => !o.startsWith("ndots:"))];
  let text = `search ${searches.join(" ")}\n`;
  for (const s of servers) text += `nameserver ${s}\n`;
  if (opts.length) text += `options ${opts.join(" ")}\n`;
  return text;
}
