import type { StatusCause } from "../status";

// Kubernetes' name rules and their exact messages (apimachinery/pkg/util/validation).
const dns1123LabelPattern = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const dns1123SubdomainPattern = `${dns1123LabelPattern}(\\.${dns1123LabelPattern})*`;
const labelRe = new RegExp(`^${dns1123LabelPattern}$`);
const subdomainRe = new RegExp(`^${dns1123SubdomainPattern}$`);

export type NameRule = "subdomain" | "label" | "path-segment";

/** Resources whose names must be DNS labels (they become DNS names or parts of them). */
const labelNamed = new Set(["namespaces", "services"]);
/** RBAC objects only forbid what would break a URL path. */
const pathSegmentNamed = new Set(["roles", "rolebindings", "clusterroles", "clusterrolebindings"]);

export function nameRuleFor(resource: string): NameRule {
  if (labelNamed.has(resource)) return "label";
  if (pathSegmentNamed.has(resource)) return "path-segment";
  return "subdomain";
}

export function validateName(name: string, rule: NameRule, field = "metadata.name"): StatusCause[] {
  const invalid = (detail: string): StatusCause[] => [
    { reason: "FieldValueInvalid", message: `Invalid value: "${name}": ${detail}`, field },
  ];
  if (rule === "path-segment") {
    if (name === "." || name === "..") return invalid(`may not be '${name}'`);
    for (const bad of ["/", "%"]) if (name.includes(bad)) return invalid(`may not contain '${bad}'`);
    return [];
  }
  if (rule === "label") {
    const causes: StatusCause[] = [];
    if (name.length > 63) causes.push(...invalid("must be no more than 63 characters"));
    if (!labelRe.test(name)) {
      causes.push(
        ...invalid(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start " +
            `and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '${dns1123LabelPattern}')`,
        ),
      );
    }
    return causes;
  }
  const causes: StatusCause[] = [];
  if (name.length > 253) causes.push(...invalid("must be no more than 253 characters"));
  if (!subdomainRe.test(name)) {
    causes.push(
      ...invalid(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must " +
          `start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${dns1123SubdomainPattern}')`,
      ),
    );
  }
  return causes;
}
