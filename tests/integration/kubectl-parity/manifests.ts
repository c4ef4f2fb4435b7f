// The files both clients find in their home directory (also their working directory): the book's kind of
// manifests, none naming a namespace, so each client's apply lands in its own twin namespace.

const pod = `apiVersion: v1
kind: Pod
metadata:
  name: hello-pod
  labels:
    app: hello
    zone: prod
spec:
  containers:
  - name: hello-ctr
    image: nigelpoulton/k8sbook:1.0
    ports:
    - containerPort: 8080
`;

const sidecarPod = `apiVersion: v1
kind: Pod
metadata:
  name: sidecar-pod
  labels:
    app: sidecar
spec:
  terminationGracePeriodSeconds: 2
  containers:
  - name: main
    image: nigelpoulton/k8sbook:1.0
    ports:
    - containerPort: 8080
  - name: sidecar
    image: busybox:1.36
    command: ["sh", "-c", "echo sidecar started; while true; do echo tick; sleep 600; done"]
`;

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello-deploy
  labels:
    app: hello-world
spec:
  replicas: 3
  selector:
    matchLabels:
      app: hello-world
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 1
      maxSurge: 1
  template:
    metadata:
      labels:
        app: hello-world
    spec:
      containers:
      - name: hello-ctr
        image: nigelpoulton/k8sbook:1.0
        ports:
        - containerPort: 8080
`;

const service = `apiVersion: v1
kind: Service
metadata:
  name: hello-svc
  labels:
    app: hello-world
spec:
  selector:
    app: hello-world
  ports:
  - name: http
    port: 8080
    targetPort: 8080
`;

const appDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: app-web
  template:
    metadata:
      labels:
        app: app-web
    spec:
      containers:
      - name: web
        image: nginx:1.27
`;

const appService = `apiVersion: v1
kind: Service
metadata:
  name: app-web
spec:
  selector:
    app: app-web
  ports:
  - port: 80
`;

const configMap = `apiVersion: v1
kind: ConfigMap
metadata:
  name: multimap
data:
  given: Nigel
  family: Poulton
`;

const secret = `apiVersion: v1
kind: Secret
metadata:
  name: tkb-secret
type: Opaque
data:
  username: bmlnZWxwb3VsdG9u
  password: UGFzc3dvcmQxMjM=
`;

const statefulSet = `apiVersion: v1
kind: Service
metadata:
  name: dullahan
  labels:
    app: web
spec:
  clusterIP: None
  selector:
    app: web
  ports:
  - name: web
    port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: tkb-sts
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  serviceName: dullahan
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: ctr-web
        image: nginx:1.27
        ports:
        - containerPort: 80
          name: web
`;

const role = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: read-deployments
rules:
- verbs: ["get", "watch", "list"]
  apiGroups: ["apps"]
  resources: ["deployments"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read-deployments
subjects:
- kind: User
  name: sky@parity.test
  apiGroup: rbac.authorization.k8s.io
roleRef:
  kind: Role
  name: read-deployments
  apiGroup: rbac.authorization.k8s.io
`;

/** Fails before any request is made, so its server is never reached. */
function brokenKubeconfig(options: { current?: string; user?: string }): string {
  return `apiVersion: v1
kind: Config
clusters:
- name: kubeclass
  cluster:
    server: https://kubeclass.invalid:6443
users:
- name: learner
  user:
    token: not-a-token
contexts:
- name: kubeclass
  context:
    cluster: kubeclass
    user: ${options.user ?? "learner"}
    namespace: somewhere
current-context: ${options.current ?? "kubeclass"}
`;
}

export const parityFiles: Record<string, string> = {
  "pod.yml": pod,
  "sidecar-pod.yml": sidecarPod,
  "deploy.yml": deployment,
  "svc.yml": service,
  "app/deploy.yml": appDeployment,
  "app/svc.yml": appService,
  "cm.yml": configMap,
  "secret.yml": secret,
  "sts.yml": statefulSet,
  "role.yml": role,
  "cmfile.txt": "Magic Sandbox, hands-on learning\n",
  "app.env": "MODE=dev\nLEVEL=3\n",
  // Broken on purpose: an object without its required image, a file that is not YAML, an unknown field.
  "bad-pod.yml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad-pod\nspec:\n  containers:\n  - name: c\n",
  "not-yaml.yml": "apiVersion: v1\nkind: Pod\nmetadata: [unclosed\n",
  "unknown-field.yml": `${pod.replace("hello-pod", "typo-pod")}  restartPolicyy: Never\n`,
  "no-kind.yml": "apiVersion: v1\nmetadata:\n  name: nokind\n",
  // Kubeconfigs kubectl cannot use: the current context is missing; the context's user is missing.
  "no-context.kubeconfig": brokenKubeconfig({ current: "missing" }),
  "no-user.kubeconfig": brokenKubeconfig({ user: "ghost" }),
};

/** A manifest given on stdin (`apply -f -`). */
export const stdinConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-stdin\ndata:\n  a: b\n";
