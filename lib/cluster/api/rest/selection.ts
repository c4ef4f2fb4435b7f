import type { KubeObject } from "../../store/object-store";
import type { ResourceType } from "../resources/resource-type";
import { FieldSelectorError, matchesFields, parseFieldSelectorFor } from "../selectors/field-selector";
import { LabelSelectorError, matches, parseLabelSelector } from "../selectors/label-selector";
import { badRequest } from "../status";
import { fieldLabelsFor } from "./field-labels";

/** The predicate `labelSelector` and `fieldSelector` ask for, or undefined when neither narrows anything. */
export function buildMatcher(type: ResourceType, query: URLSearchParams): ((object: KubeObject) => boolean) | undefined {
  const labelText = query.get("labelSelector") ?? "";
  const fieldText = query.get("fieldSelector") ?? "";
  if (labelText === "" && fieldText === "") return undefined;
  const labels = fieldLabelsFor(type.group, type.plural);
  try {
    const labelSelector = parseLabelSelector(labelText);
    const fieldSelector = parseFieldSelectorFor(fieldText, labels);
    return (object) =>
      matches(labelSelector, object.metadata.labels as Record<string, string> | undefined) &&
      matchesFields(fieldSelector, object, labels);
  } catch (error) {
    if (error instanceof LabelSelectorError || error instanceof FieldSelectorError) throw badRequest(error.message);
    throw error;
  }
}
