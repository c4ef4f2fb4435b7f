import type { Chapter } from "./parity-suite";

/**
 * `kubectl version` names the client's build (Go version, build date, git commit, platform): the terminal's
 * kubectl has no Go build of its own, so those fields are compared by presence only.
 */
const buildFields = (text: string) =>
  text.replace(/("?(?:buildDate|compiler|gitCommit|gitTreeState|goVersion|platform)"?:\s*)"?[^",\n]*"?/g, '$1"BUILD"');

/** Real kubectl prints a LimitRange's rows in Go map order, which is random: its rows are compared sorted. */
const sortedLimitRows = (text: string) => {
  const lines = text.split("\n");
  const rows = lines.filter((l) => /^(Container|Pod|PersistentVolumeClaim) /.test(l));
  const sorted = [...rows].sort();
  return lines.map((l) => (rows.includes(l) ? (sorted.shift() ?? l) : l)).join("\n");
};

/**
 * `-v=6` request logs: klog's header (time, process id), the duration and the kubeconfig's path differ by run and
 * home; real kubectl's feature-gate lines and its discovery requests (`?timeout=32s`, when its disk cache is cold)
 * have no counterpart in the terminal's kubectl, which reads discovery without logging it.
 */
const klogLines = (text: string) =>
  text
    .split("\n")
    .filter((l) => !/envvar\.go:|timeout=32s/.test(l))
    .join("\n")
    .replace(/^I\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /gm, "I0000 00:00:00.000000 PID ")
    .replace(/milliseconds=\d+/g, "milliseconds=N")
    .replace(/Config loaded from file: {2}\S+/g, "Config loaded from file:  KUBECONFIG");

// The book's ConfigMaps and Secrets, StatefulSets, RBAC and API chapters, and kubectl's own discovery commands.
export const configRbacApi: Chapter[] = [
  {
    chapter: "ConfigMaps and Secrets",
    entries: [
      { cmd: "get configmaps", why: "only kube-root-ca.crt" },
      { cmd: "create configmap testmap1 --from-literal=shortname=msb.com --from-literal=longname=magicsandbox.com" },
      { cmd: "get cm" },
      { cmd: "get cm testmap1 -o yaml" },
      { cmd: "describe cm testmap1" },
      { cmd: "create configmap testmap2 --from-file=cmfile.txt" },
      { cmd: "create configmap testmap3 --from-file=story=cmfile.txt --dry-run=client -o yaml" },
      { cmd: "create cm fromenv --from-env-file=app.env" },
      { cmd: "get cm fromenv -o jsonpath={.data}" },
      { cmd: "apply -f cm.yml" },
      { cmd: "get cm multimap -o jsonpath={.data.given}" },
      { cmd: "create configmap testmap1 --from-literal=a=b", why: "AlreadyExists" },
      { cmd: "create configmap bad --from-file=missing.txt" },
      { cmd: "create configmap bad2 --from-literal=novalue" },
      { cmd: "create secret generic creds --from-literal=user=admin --from-literal=pwd=Password123" },
      { cmd: "get secrets" },
      { cmd: "describe secret creds" },
      { cmd: "get secret creds -o yaml" },
      { cmd: "get secret creds -o jsonpath={.data.user}" },
      { cmd: "create secret docker-registry regcred --docker-server=registry.example --docker-username=u --docker-password=p" },
      { cmd: "create secret tls tls-creds --cert=missing.crt --key=missing.key" },
      { cmd: "create secret generic", why: "no name" },
      { cmd: "apply -f secret.yml" },
      { cmd: "get cm,secrets -o name" },
      { cmd: "label cm testmap1 chapter=config" },
      { cmd: "get cm -l chapter=config --show-labels" },
      { cmd: "annotate cm testmap1 owner=me --overwrite" },
      { cmd: "delete cm testmap2 fromenv" },
      { cmd: "delete secret creds regcred tkb-secret" },
    ],
  },
  {
    chapter: "StatefulSets",
    entries: [
      { cmd: "apply -f sts.yml" },
      { cmd: "get sts" },
      { cmd: "get statefulsets tkb-sts -o wide" },
      { cmd: "get pods -l app=web" },
      { cmd: "get svc dullahan" },
      { cmd: "describe sts tkb-sts" },
      { cmd: "rollout status sts/tkb-sts" },
      { cmd: "events --for sts/tkb-sts", why: "kubectl events (1.26+): the StatefulSet controller's SuccessfulCreate events" },
      { cmd: "events --for statefulset/tkb-sts --types=Warning" },
      { cmd: "events --for pod/nope" },
      { cmd: "events -A", why: "Forbidden: a learner may not list events cluster-wide" },
      { cmd: "events --types=Error" },
      { cmd: "events --for tkb-sts" },
      { cmd: "scale sts tkb-sts --replicas=2" },
      { cmd: "get pods -l app=web -o name" },
      { cmd: "rollout history statefulset/tkb-sts" },
      { cmd: "get pvc" },
      { cmd: "get storageclass" },
      { cmd: "delete sts tkb-sts" },
    ],
  },
  {
    chapter: "Jobs and CronJobs",
    entries: [
      { cmd: "create job once-job --image=busybox:1.36 -- echo hi" },
      { cmd: "get jobs", setup: ["wait --for=condition=Complete job/once-job --timeout=20s"] },
      { cmd: "logs job/once-job" },
      { cmd: "create cronjob tick --image=busybox:1.36 --schedule='*/5 * * * *' --dry-run=client -o yaml" },
      { cmd: "create cronjob tick --image=busybox:1.36", why: "no schedule" },
      { cmd: "delete job once-job" },
    ],
  },
  {
    chapter: "RBAC",
    entries: [
      { cmd: "get rolebindings" },
      { cmd: "get rolebinding learner-edit -o yaml" },
      { cmd: "describe rolebinding learner-edit" },
      { cmd: "create role reader --verb=get,list --resource=pods" },
      { cmd: "get roles" },
      { cmd: "describe role reader" },
      { cmd: "create rolebinding reader-b --role=reader --user=someone@parity.test" },
      { cmd: "get rolebinding reader-b -o wide" },
      { cmd: "apply -f role.yml" },
      { cmd: "create role nodes --verb=get --resource=nodes", why: "a namespaced Role may not name cluster-scoped resources? kubectl allows it" },
      { cmd: "create role escalate --verb=get --resource=nodes.metrics.k8s.io" },
      { cmd: "create role bad --verb=fly --resource=pods" },
      { cmd: "create clusterrole reader --verb=get --resource=pods", why: "Forbidden at cluster scope" },
      { cmd: "get clusterroles" },
      { cmd: "auth can-i get secrets" },
      { cmd: "auth can-i create roles" },
      { cmd: "auth can-i escalate roles" },
      { cmd: "auth can-i get pods --as=someone@parity.test" },
      { cmd: "auth can-i --list", why: "a SelfSubjectRulesReview, compacted and sorted as kubectl does" },
      { cmd: "auth can-i --list -n $OTHER", why: "only the cluster-wide rules" },
      { cmd: "auth can-i --list --no-headers" },
      { cmd: "auth can-i --list get pods" },
      { cmd: "get serviceaccounts" },
      { cmd: "create serviceaccount robot" },
      { cmd: "create token robot", why: "a signed JWT: masked as TOKEN" },
      { cmd: "get resourcequota" },
      { cmd: "describe quota learner-quota" },
      { cmd: "get limitrange" },
      { cmd: "describe limitrange learner-limits", mask: sortedLimitRows },
      { cmd: "delete role reader read-deployments" },
      { cmd: "delete rolebinding reader-b read-deployments" },
    ],
  },
  {
    chapter: "The API",
    entries: [
      { cmd: "api-resources" },
      { cmd: "api-resources --namespaced=false" },
      { cmd: "api-resources -o name" },
      { cmd: "api-resources --api-group=apps -o wide" },
      { cmd: "api-resources --verbs=list --namespaced -o name" },
      { cmd: "api-versions" },
      { cmd: "get --raw /apis/apps/v1" },
      { cmd: "get --raw /api/v1/namespaces/$NS/configmaps/multimap" },
      { cmd: "explain deploy.spec.strategy" },
      { cmd: "explain configmap" },
      { cmd: "explain pods.spec.nope" },
      { cmd: "explain nope" },
      { cmd: "version --client -o json", mask: buildFields },
      { cmd: "version --client -o yaml", mask: buildFields },
      { cmd: "version", why: "client and server" },
      { cmd: "config get-clusters" },
      { cmd: "config get-users" },
      { cmd: "config view -o jsonpath={.users[*].name}" },
      { cmd: "config get-contexts -o name" },
      { cmd: "get pods -v=0 --request-timeout=10s" },
      { cmd: "get pods -v=6", mask: klogLines, why: "one line per request: verb, URL, status, duration" },
      { cmd: "create cm verbose --from-literal=a=b -v=6", mask: klogLines },
      { cmd: "get cm verbose -v=6", mask: klogLines },
      { cmd: "get pods --context nope", why: "a missing context while reading the namespace: a configuration error" },
      { cmd: "get pods --context nope -n $NS", why: "the namespace given: the client config's own wording" },
      { cmd: "get pods --user nope" },
      { cmd: "get pods --cluster nope" },
      { cmd: "get pods --cluster nope -n $NS" },
      { cmd: "--kubeconfig no-context.kubeconfig get pods" },
      { cmd: "--kubeconfig no-context.kubeconfig config current-context", why: "config commands never connect" },
      { cmd: "--kubeconfig no-user.kubeconfig get pods", why: "no credentials over TLS: kubectl prompts and reads EOF" },
      { cmd: "--kubeconfig missing.kubeconfig get pods" },
      { cmd: "describe", why: "no type" },
      { cmd: "logs", why: "no pod" },
      { cmd: "exec", why: "no pod" },
      { cmd: "rollout", why: "no subcommand" },
      { cmd: "rollout status", why: "no resource" },
      { cmd: "set image", why: "no resource" },
      { cmd: "label pods", why: "no labels" },
      { cmd: "get pods -o jsonpath='{.items[0].nope'" },
      { cmd: "get pods --selector='app in (x'" },
      { cmd: "delete cm --all" },
    ],
  },
];
