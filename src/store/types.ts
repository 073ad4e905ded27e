import type { KubeObject } from "../api/kinds";

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";

/** One committed write, as watches and controllers see it. */
export interface Change {
  type: WatchEventType;
  rv: number;
  resource: string;
  namespace: string;
  name: string;
  object: KubeObject;
  /** the object before the write (absent for ADDED and when replayed from the log) */
  old?: KubeObject;
}

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  /** Strict rejects unknown fields, Warn reports them as warnings, Ignore drops them */
  fieldValidation?: "Strict" | "Warn" | "Ignore";
  /** "status" writes only the status; "" or undefined writes everything but the status */
  subresource?: "status" | "";
  /** a write by the cluster's own components (scheduler binding, controllers), exempt from update rules meant for users */
  system?: boolean;
  /** warnings to send back as `Warning: 299` headers */
  warnings?: string[];
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: "Background" | "Foreground" | "Orphan";
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}
