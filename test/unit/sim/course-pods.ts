// Pod manifests of the course, shared by the simulation tests.
export const LIVENESS_EXEC = (policy = "Always"): string => `
apiVersion: v1
kind: Pod
metadata: { name: liveness-exec }
spec:
  restartPolicy: ${policy}
  containers:
  - name: liveness
    image: busybox
    imagePullPolicy: IfNotPresent
    args: ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -rf /tmp/healthy; sleep 600"]
    livenessProbe:
      exec: { command: ["cat", "/tmp/healthy"] }
      initialDelaySeconds: 5
      periodSeconds: 5
`;
