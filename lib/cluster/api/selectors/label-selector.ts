/**
 * Label selectors: the query-string form (`app=web,tier in (a,b)`) and metav1.LabelSelector
 * (`{matchLabels, matchExpressions}`), with apimachinery's matching rules and messages.
 *
 * Two special selectors, as in Kubernetes:
 * - everything (no requirements) matches every object: an empty query string, or `{}` as metav1.LabelSelector;
 * - nothing matches no object: a null/absent metav1.LabelSelector (e.g. a PodDisruptionBudget without selector).
 */
import { aggregateMessages, formatFieldError, type FieldError } from "./field-errors";
import {
  LabelSelectorError,
  formatRequirement,
  newLabelRequirement,
  requirementMatches,
  sortByKey,
  type LabelOperator,
  type LabelRequirement,
  type Labels,
} from "./label-requirement";
import { parseLabelRequirements } from "./label-selector-parser";
import { validateLabelSelector, type LabelSelectorObject } from "./label-selector-validation";

export { LabelSelectorError, type LabelOperator, type LabelRequirement, type Labels } from "./label-requirement";
export {
  validateLabelSelector,
  type LabelSelectorObject,
  type LabelSelectorRequirementObject,
} from "./label-selector-validation";

export interface LabelSelector {
  /** True only for the "nothing" selector; its requirements are then empty. */
  readonly matchesNothing: boolean;
  /** ANDed together, sorted by key. */
  readonly requirements: readonly LabelRequirement[];
}

const EVERYTHING: LabelSelector = Object.freeze({ matchesNothing: false, requirements: Object.freeze([]) });
const NOTHING: LabelSelector = Object.freeze({ matchesNothing: true, requirements: Object.freeze([]) });

/** The selector that matches every label set. */
export const everything = (): LabelSelector => EVERYTHING;
/** The selector that matches no label set. */
export const nothing = (): LabelSelector => NOTHING;

/** True for a selector that places no restriction (matches everything). */
export const isEverything = (selector: LabelSelector): boolean =>
  !selector.matchesNothing && selector.requirements.length === 0;

/**
 * Parses the `labelSelector` query parameter. An empty or blank string selects everything.
 * Throws {@link LabelSelectorError} with the API server's message, e.g.
 * `unable to parse requirement: found '', expected: in, notin, =, ==, !=, gt, lt`.
 */
export function parseLabelSelector(text: string): LabelSelector {
  const requirements = parseLabelRequirements(text);
  return requirements.length === 0 ? EVERYTHING : { matchesNothing: false, requirements };
}

/**
 * Converts a metav1.LabelSelector. `null`/`undefined` matches nothing, `{}` everything. The object is validated
 * first (as the API server validates `spec.selector`); problems throw a {@link LabelSelectorError} whose `causes`
 * carry field paths under `path` (e.g. `spec.selector.matchExpressions[0].operator`).
 */
export function labelSelectorFromObject(
  object: LabelSelectorObject | null | undefined,
  path = "",
): LabelSelector {
  if (object === null || object === undefined) return NOTHING;
  const problems: FieldError[] = validateLabelSelector(object, path);
  if (problems.length > 0) throw new LabelSelectorError(aggregateMessages(problems.map(formatFieldError)), problems);
  const requirements: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(object.matchLabels ?? {})) {
    requirements.push(newLabelRequirement(key, "=", [value]));
  }
  for (const expression of object.matchExpressions ?? []) {
    requirements.push(newLabelRequirement(expression.key, OBJECT_OPERATORS[expression.operator] ?? "in", expression.values ?? []));
  }
  return requirements.length === 0 ? EVERYTHING : { matchesNothing: false, requirements: sortByKey(requirements) };
}

const OBJECT_OPERATORS: Readonly<Record<string, LabelOperator>> = {
  In: "in",
  NotIn: "notin",
  Exists: "exists",
  DoesNotExist: "!",
};

/** A selector requiring each label of the set (labels.SelectorFromSet): how Services and RCs select pods. */
export function labelSelectorFromSet(labels: Labels | null | undefined): LabelSelector {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return EVERYTHING;
  return {
    matchesNothing: false,
    requirements: keys.map((key) => ({ key, operator: "=", values: [labels?.[key] ?? ""] })),
  };
}

/** Whether a label set (absent = no labels) satisfies every requirement of the selector. */
export function matches(selector: LabelSelector, labels: Labels | null | undefined): boolean {
  if (selector.matchesNothing) return false;
  const set = labels ?? {};
  return selector.requirements.every((requirement) => requirementMatches(requirement, set));
}

/**
 * The canonical string (labels.Selector.String): requirements by key, set values sorted, e.g.
 * `app=web,!canary,tier in (a,b)`. Both everything and nothing format as "".
 */
export function formatLabelSelector(selector: LabelSelector): string {
  return selector.requirements.map(formatRequirement).join(",");
}

/**
 * What `kubectl describe` prints for a metav1.LabelSelector (metav1.FormatLabelSelector): the canonical string,
 * `<none>` when it is empty or absent, `<error>` when it is invalid.
 */
export function describeLabelSelector(object: LabelSelectorObject | null | undefined): string {
  let text: string;
  try {
    text = formatLabelSelector(labelSelectorFromObject(object));
  } catch (error) {
    if (error instanceof LabelSelectorError) return "<error>";
    throw error;
  }
  return text === "" ? "<none>" : text;
}
