// How long the runtime's work takes. Realistic: seconds-scale pulls like a real node;
// fast: the same sequence with near-zero delays.
export interface SimProfile {
  name: "realistic" | "fast";
  sandboxMs: number;
  pullBaseMs: number;
  pullBytesPerSec: number;
  /** ± fraction of random variation of pull time */
  pullJitter: number;
  createMs: number;
  startMs: number;
  /** time a program takes to exit after SIGTERM it handles */
  termMs: number;
  /** delay before the kubelet notices a failed pull and reports ImagePullBackOff */
  syncMs: number;
}

export const REALISTIC: SimProfile = {
  name: "realistic", sandboxMs: 1200, pullBaseMs: 1500, pullBytesPerSec: 4 * 1024 * 1024, pullJitter: 0.25,
  createMs: 150, startMs: 350, termMs: 150, syncMs: 1000,
};

export const FAST: SimProfile = {
  name: "fast", sandboxMs: 5, pullBaseMs: 20, pullBytesPerSec: 1024 * 1024 * 1024, pullJitter: 0,
  createMs: 1, startMs: 1, termMs: 1, syncMs: 10,
};

export function profileByName(name: string | undefined): SimProfile {
  return name === "fast" ? FAST : REALISTIC;
}
