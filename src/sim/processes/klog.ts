// klog's text header, as Kubernetes components print it: `I0517 00:55:10.914754       1 file.go:66] msg`.
const p2 = (n: number): string => String(n).padStart(2, "0");

export type KlogLevel = "I" | "W" | "E";

/** one klog line; `micros` spreads lines of one instant apart as a running process would */
export function klogLine(level: KlogLevel, ms: number, micros: number, source: string, message: string): string {
  const d = new Date(ms);
  const frac = String(((ms % 1000) * 1000 + micros) % 1_000_000).padStart(6, "0");
  return `${level}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${frac}       1 ${source}] ${message}\n`;
}
