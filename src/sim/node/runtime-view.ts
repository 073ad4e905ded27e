// What containerd holds on a node, as crictl sees it: the pods' sandboxes, their containers (the running
// ones and the exited ones the kubelet keeps), and the images pulled so far.

export interface RuntimeContainer {
  /** 64 hex digits */
  id: string;
  /** image config id, 64 hex digits */
  imageId: string;
  image: string;
  createdAt: number;
  state: "Running" | "Exited" | "Created";
  name: string;
  attempt: number;
  podId: string;
  podName: string;
  namespace: string;
  exitCode?: number;
  startedAt?: number;
  finishedAt?: number;
}

export interface RuntimeSandbox {
  id: string;
  createdAt: number;
  state: "Ready" | "NotReady";
  name: string;
  namespace: string;
  uid: string;
  attempt: number;
}

export interface RuntimeImage {
  /** docker.io/library/nginx:1.15-alpine */
  ref: string;
  /** sha256:<64 hex> */
  id: string;
  size: number;
}

export interface RuntimeView {
  containers: RuntimeContainer[];
  sandboxes: RuntimeSandbox[];
  images: RuntimeImage[];
  /** the container's log as the runtime keeps it; undefined when there is no such container */
  logs(containerId: string, opts: { tail?: number; timestamps?: boolean }): string | undefined;
}
