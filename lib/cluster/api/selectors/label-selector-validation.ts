import { forbidden, invalid, required, type FieldError } from "./field-errors";
import { labelKeyErrors, labelValueErrors } from "./label-validation";

/** metav1.LabelSelectorRequirement as it appears in JSON. */
export interface LabelSelectorRequirementObject {
  readonly key: string;
  readonly operator: string;
  readonly values?: readonly string[] | null;
}

/** metav1.LabelSelector as it appears in JSON. */
export interface LabelSelectorObject {
  readonly matchLabels?: Readonly<Record<string, string>> | null;
  readonly matchExpressions?: readonly LabelSelectorRequirementObject[] | null;
}

const join = (path: string, child: string) => (path ? `${path}.${child}` : child);

function labelKeyProblems(key: string, field: string): FieldError[] {
  return labelKeyErrors(key).map((message) => invalid(field, key, message));
}

/**
 * apimachinery's ValidateLabelSelector: every problem, each with its field path under `path`
 * (e.g. `spec.selector`). Empty when the selector is valid.
 */
export function validateLabelSelector(selector: LabelSelectorObject, path = ""): FieldError[] {
  const errors: FieldError[] = [];
  const labelsPath = join(path, "matchLabels");
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    errors.push(...labelKeyProblems(key, labelsPath));
    errors.push(...labelValueErrors(value).map((message) => invalid(labelsPath, value, message)));
  }
  (selector.matchExpressions ?? []).forEach((expression, index) => {
    const at = `${join(path, "matchExpressions")}[${index}]`;
    const values = expression.values ?? [];
    switch (expression.operator) {
      case "In":
      case "NotIn":
        if (values.length === 0) {
          errors.push(required(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        }
        break;
      case "Exists":
      case "DoesNotExist":
        if (values.length > 0) {
          errors.push(forbidden(`${at}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        }
        break;
      default:
        errors.push(invalid(`${at}.operator`, expression.operator, "not a valid selector operator"));
    }
    errors.push(...labelKeyProblems(expression.key, `${at}.key`));
    values.forEach((value, valueIndex) => {
      for (const message of labelValueErrors(value)) errors.push(invalid(`${at}.values[${valueIndex}]`, value, message));
    });
  });
  return errors;
}
