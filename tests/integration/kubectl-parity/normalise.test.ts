import { describe, expect, it } from "vitest";
import { normalise } from "./normalise";
import { lineDiff } from "./line-diff";
import { shellWords } from "./shell-words";

// The parity suite is only as honest as its masking: these pin down what is masked and, as much, what is not.
const a = { namespace: "parity-a" };
const b = { namespace: "parity-b" };

describe("normalise", () => {
  it("masks ages keeping column widths, but not quantities that look like ages", () => {
    const real = "NAME    READY   AGE\nweb     1/1     5s\ndb      1/1     12s\n";
    const ours = "NAME    READY   AGE\nweb     1/1     9s\ndb      1/1     2m3s\n";
    expect(normalise(real, a)).toBe("NAME    READY   AGE\nweb     1/1     AGE\ndb      1/1     AGE\n");
    expect(normalise(ours, b)).toBe(normalise(real, a));
    expect(normalise("NAME  AGE   STATUS\nx     5s    Running\n", a)).toBe("NAME  AGE   STATUS\nx     AGE   Running\n");
    expect(normalise('{"cpu":"200m"}\n    cpu: 500m\n--limits=cpu=200m\n', a)).toBe('{"cpu":"200m"}\n    cpu: 500m\n--limits=cpu=200m\n');
    expect(normalise("  Normal  Pulled  3s (x2 over 10s)  kubelet\n", a)).toBe("  Normal  Pulled  AGE (x2 over AGE)  kubelet\n");
  });

  it("numbers generated names in order of appearance, keeping their lengths", () => {
    const real = "hello-deploy-7d9c5b8f6d-x2b4z   hello-deploy-7d9c5b8f6d-qq9mp   hello-deploy-7d9c5b8f6d\n";
    const ours = "hello-deploy-7d9c5b8f6d-lw8tz   hello-deploy-7d9c5b8f6d-zz2kx   hello-deploy-7d9c5b8f6d\n";
    expect(normalise(real, a)).toBe("hello-deploy-h1________-g1___   hello-deploy-h1________-g2___   hello-deploy-h1________\n");
    // Suffixes may be all digits; hashes vary in length (a template holding a time hashes differently per twin).
    expect(normalise("web-65b9fbf7cc-79947 web-5d8f7c9b4\n", a)).toBe("web-h1________-g1___ web-h2________\n");
    expect(normalise(ours, b)).toBe(normalise(real, a));
    expect(normalise("pod-template-hash=7d9c5b8f6d\n", a)).toBe("pod-template-hash=h1________\n");
    // Words people choose keep their vowels; ordinal names are not suffixes.
    expect(normalise("hello-svc learner-edit web-0 tkb-sts-2 kube-root-ca.crt\n", a)).toBe("hello-svc learner-edit web-0 tkb-sts-2 kube-root-ca.crt\n");
  });

  it("masks the twin namespace, times, uids, resourceVersions, IPs, nodes and nodePorts, and only those", () => {
    const yaml = [
      "  creationTimestamp: \"2026-11-26T11:38:10Z\"",
      "  namespace: parity-a",
      "  resourceVersion: \"1234\"",
      "  uid: 0b5c9a8e-1f2d-4c3b-9a8e-7f6d5c4b3a21",
      "  podIP: 10.244.1.12",
      "  nodeName: kubeclass-worker2",
      "  - nodePort: 31234",
      "  replicas: 3",
    ].join("\n");
    expect(normalise(yaml, a)).toBe(
      [
        "  creationTimestamp: \"TIMESTAMP\"",
        "  namespace: NAMESPACE",
        '  resourceVersion: "RV"',
        "  uid: UID",
        "  podIP: IP1",
        "  nodeName: NODE1",
        "  - nodePort: NPORT1",
        "  replicas: 3",
      ].join("\n"),
    );
    expect(normalise("hello-np   NodePort   10.96.4.7   <none>   8080:30412/TCP   5s\n", a)).toBe("hello-np   NodePort   IP1   <none>   8080:NPORT1/TCP   AGE\n");
    expect(normalise("Start Time:   Thu, 26 Nov 2026 11:38:10 +0000\n", a)).toBe("Start Time:   TIMESTAMP\n");
  });

  it("compares column padding loosely only where IPs or node names set a column's width", () => {
    const real = "NAME   IP           NODE\nweb    10.244.1.5   kubeclass-worker\n";
    const ours = "NAME   IP            NODE\nweb    10.244.2.12   kubeclass-worker2\n";
    expect(normalise(ours, b)).toBe(normalise(real, a));
    expect(normalise("NAME  READY\nweb   1/1\n", a)).not.toBe(normalise("NAME   READY\nweb    1/1\n", a));
  });
});

describe("describe's events", () => {
  it("compares events of the same instant as a set, and keeps the order of the rest", () => {
    const events = (rows: string[]) =>
      ["Events:", "  Type    Reason     Age   From     Message", "  ----    ------     ----  ----     -------", ...rows, ""].join("\n");
    const pulling = "  Normal  Pulling    5s    kubelet  Pulling image";
    const pulled = "  Normal  Pulled     5s    kubelet  Pulled image";
    const started = "  Normal  Started    4s    kubelet  Started container";
    expect(normalise(events([pulled, pulling, started]), a)).toBe(normalise(events([pulling, pulled, started]), b));
    expect(normalise(events([started, pulling, pulled]), a)).not.toBe(normalise(events([pulling, pulled, started]), b));
  });
});

describe("shellWords", () => {
  it("splits as sh does: quotes join one word, single quotes are literal", () => {
    expect(shellWords(`get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{end}' -l "app in (a,b)"`)).toEqual([
      "get",
      "pods",
      "-o",
      'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{end}',
      "-l",
      "app in (a,b)",
    ]);
    expect(shellWords(`patch deploy x -p '{"a":1}'  --type=merge`)).toEqual(["patch", "deploy", "x", "-p", '{"a":1}', "--type=merge"]);
  });
});

describe("lineDiff", () => {
  it("shows differing lines, real first, with colour codes spelt out", () => {
    expect(lineDiff("a\n\x1b[0;32mb\x1b[0m\n", "a\nc\n")).toBe("  - \\e[0;32mb\\e[0m\n  + c");
  });
});
