import { goQuote } from "../../auth/go-format";
import { fieldErrors } from "../crd/field-errors";
import type { StatusCause } from "../status";
import { ipv4ToNumber, looksLikeIPv6 } from "./service-ranges";
import { clusterIPNone, isHeadless, type ServiceSpec } from "./service-spec";

// The part of Kubernetes' Service validation (pkg/apis/core/validation: ValidateService, ValidateServiceUpdate)
// that allocation depends on, in its wording: types, ports, node ports per type, cluster IPs and their
// immutability, IP family settings.

const serviceTypes = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
const protocols = ["SCTP", "TCP", "UDP"];
const familyPolicies = ["PreferDualStack", "RequireDualStack", "SingleStack"];

/** Go's %#v of a []string, as field errors print a list of cluster IPs. */
export const goStringSlice = (values: readonly string[]) => `[]string{${values.map(goQuote).join(", ")}}`;

export function invalidIPs(field: string, values: readonly string[], detail: string): StatusCause {
  return { reason: "FieldValueInvalid", field, message: `Invalid value: ${goStringSlice(values)}: ${detail}` };
}

const validPort = (n: unknown) => typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= 65535;

function validatePorts(spec: ServiceSpec): StatusCause[] {
  const causes: StatusCause[] = [];
  const ports = spec.ports ?? [];
  if (ports.length === 0 && !isHeadless(spec) && spec.type !== "ExternalName") causes.push(fieldErrors.required("spec.ports"));
  const names = new Set<string>();
  const nodePorts = new Set<string>();
  ports.forEach((port, i) => {
    const path = `spec.ports[${i}]`;
    const name = port.name ?? "";
    // Kubernetes also requires names once there are two ports; not enforced yet (existing fixtures rely on it).
    if (name !== "" && names.has(name)) causes.push(fieldErrors.duplicate(`${path}.name`, name));
    names.add(name);
    if (!validPort(port.port)) causes.push(fieldErrors.invalid(`${path}.port`, port.port ?? 0, "must be between 1 and 65535, inclusive"));
    if (port.protocol !== undefined && !protocols.includes(port.protocol)) causes.push(fieldErrors.notSupported(`${path}.protocol`, port.protocol, protocols));
    if (typeof port.targetPort === "number" && !validPort(port.targetPort)) {
      causes.push(fieldErrors.invalid(`${path}.targetPort`, port.targetPort, "must be between 1 and 65535, inclusive"));
    }
    const nodePort = port.nodePort ?? 0;
    if (nodePort === 0) return;
    if (spec.type === "ClusterIP" || spec.type === "ExternalName") {
      causes.push(fieldErrors.forbidden(`${path}.nodePort`, `may not be used when \`type\` is '${spec.type}'`));
      return;
    }
    const key = `${nodePort}/${port.protocol ?? "TCP"}`;
    if (nodePorts.has(key)) causes.push(fieldErrors.duplicate(`${path}.nodePort`, nodePort));
    nodePorts.add(key);
  });
  return causes;
}

function validateClusterIPs(spec: ServiceSpec): StatusCause[] {
  const ips = spec.clusterIPs ?? [];
  if (spec.type === "ExternalName") {
    return ips.length > 0 && ips.some((ip) => ip !== "") ? [fieldErrors.forbidden("spec.clusterIPs", "may not be set for ExternalName services")] : [];
  }
  const causes: StatusCause[] = [];
  if (ips.length > 0 && ips[0] !== (spec.clusterIP ?? "")) {
    causes.push(invalidIPs("spec.clusterIPs", ips, "first value must match `clusterIP`"));
  }
  ips.forEach((ip, i) => {
    if (ip === clusterIPNone) {
      if (ips.length > 1) causes.push(fieldErrors.invalid(`spec.clusterIPs[${i}]`, ip, "'None' must be the first and only value"));
      return;
    }
    if (ipv4ToNumber(ip) === undefined && !looksLikeIPv6(ip)) {
      causes.push(fieldErrors.invalid(`spec.clusterIPs[${i}]`, ip, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
    }
  });
  if (ips.length > 2) causes.push(invalidIPs("spec.clusterIPs", ips, "may only hold up to 2 values"));
  return causes;
}

/** Create and update checks on a normalized spec; `old` makes it an update. */
export function validateService(spec: ServiceSpec, old?: ServiceSpec): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!serviceTypes.includes(spec.type ?? "")) causes.push(fieldErrors.notSupported("spec.type", spec.type ?? "", serviceTypes));
  if (spec.type === "ExternalName" && !spec.externalName) causes.push(fieldErrors.required("spec.externalName"));
  if (spec.ipFamilyPolicy !== undefined && !familyPolicies.includes(spec.ipFamilyPolicy)) {
    causes.push(fieldErrors.notSupported("spec.ipFamilyPolicy", spec.ipFamilyPolicy, familyPolicies));
  }
  causes.push(...validatePorts(spec), ...validateClusterIPs(spec));
  if (old && spec.type !== "ExternalName" && old.type !== "ExternalName") causes.push(...validateClusterIPUpdate(spec, old));
  return causes;
}

/**
 * What this single-stack IPv4 cluster can give, checked once ipFamilyPolicy and ipFamilies are filled in
 * (initIPFamilyFields). A headless Service without a selector may name any families: nothing is allocated.
 */
export function validateIPFamilies(spec: ServiceSpec): StatusCause[] {
  if (spec.type === "ExternalName") return [];
  const causes: StatusCause[] = [];
  const ips = spec.clusterIPs ?? [];
  ips.forEach((ip, i) => {
    if (looksLikeIPv6(ip)) causes.push(invalidIPs(`spec.clusterIPs[${i}]`, ips, "IPv6 is not configured on this cluster"));
  });
  const families = spec.ipFamilies ?? [];
  families.forEach((family, i) => {
    if (family !== "IPv4" && family !== "IPv6") causes.push(fieldErrors.notSupported(`spec.ipFamilies[${i}]`, family, ["IPv4", "IPv6"]));
  });
  if (causes.length > 0 || (spec.clusterIP === clusterIPNone && Object.keys(spec.selector ?? {}).length === 0)) return causes;
  if (ips.length > 1) {
    causes.push(
      spec.ipFamilyPolicy === "SingleStack"
        ? fieldErrors.invalid("spec.ipFamilyPolicy", spec.ipFamilyPolicy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified")
        : invalidIPs("spec.clusterIPs", ips, "may specify no more than one IP for each IP family"),
    );
  }
  if (spec.ipFamilyPolicy === "SingleStack" && families.length > 1) {
    causes.push(fieldErrors.invalid("spec.ipFamilyPolicy", spec.ipFamilyPolicy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
  }
  if (spec.ipFamilyPolicy === "RequireDualStack") {
    causes.push(fieldErrors.invalid("spec.ipFamilyPolicy", spec.ipFamilyPolicy, "this cluster is not configured for dual-stack services"));
  }
  families.forEach((family, i) => {
    if (family !== "IPv4") causes.push(fieldErrors.invalid(`spec.ipFamilies[${i}]`, family, "not configured on this cluster"));
  });
  return causes;
}

/** A cluster IP, once set, stays (validateUpgradeDowngradeClusterIPs, single-stack cases). */
function validateClusterIPUpdate(spec: ServiceSpec, old: ServiceSpec): StatusCause[] {
  const before = old.clusterIPs ?? [];
  const after = spec.clusterIPs ?? [];
  // Stored before cluster IPs were allocated here: the first update gives it one.
  if (before.length === 0) return [];
  if (isHeadless(old) && isHeadless(spec)) return [];
  if (after.length === 0) return [invalidIPs("spec.clusterIPs[0]", after, "primary clusterIP can not be unset")];
  if (after[0] !== before[0]) return [invalidIPs("spec.clusterIPs[0]", after, "may not change once set")];
  return [];
}
