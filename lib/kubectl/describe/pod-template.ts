import { describeContainers } from "./containers";
import { describeSpreadConstraints } from "./pod";
import { describeVolumes } from "./volumes";
import { type DescribeWriter, annotationsMultiline, labelsMultiline, list, record, str, tolerationsMultiline } from "./writer";

/** The `Pod Template:` section of Deployments, ReplicaSets, StatefulSets, Jobs. */
export function describePodTemplate(w: DescribeWriter, template: unknown): void {
  w.write(0, "Pod Template:\n");
  if (template === undefined || template === null) return w.write(1, "<unset>");
  const meta = record(record(template).metadata);
  const spec = record(record(template).spec);
  labelsMultiline(w, "  Labels", meta.labels as Record<string, string> | undefined);
  if (Object.keys(record(meta.annotations)).length > 0) annotationsMultiline(w, "  Annotations", meta.annotations as Record<string, string>);
  if (str(spec.serviceAccountName)) w.write(1, `Service Account:\t${str(spec.serviceAccountName)}\n`);
  if (list(spec.initContainers).length > 0) describeContainers(w, "Init Containers", list(spec.initContainers), undefined, undefined, "  ");
  describeContainers(w, "Containers", list(spec.containers), undefined, undefined, "  ");
  describeVolumes(w, list(spec.volumes), "  ");
  describeSpreadConstraints(w, list(spec.topologySpreadConstraints), "  ");
  if (str(spec.priorityClassName)) w.write(1, `Priority Class Name:\t${str(spec.priorityClassName)}\n`);
  labelsMultiline(w, "  Node-Selectors", record(spec.nodeSelector) as Record<string, string>);
  tolerationsMultiline(w, "  Tolerations", spec.tolerations);
}
