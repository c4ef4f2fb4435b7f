import { formatQuantity, quantityMilliValue, quantityOf, quantityValue, type Quantity } from "../quantity";
import type { ResourceList } from "./resource-lists";

// LimitRanger's constraints (plugin/pkg/admission/limitranger/admission.go): each returns Kubernetes' message
// when the request or limit of one resource breaks it.

/** resource.MaxMilliValue: above it, MilliValue would overflow an int64, so whole units are compared. */
const maxMilliValue = ((1n << 63n) - 1n) / 1000n;

/** requestLimitEnforcedValues: thousandths when nothing would overflow, else whole units (both rounded up). */
function comparable(...quantities: Quantity[]): bigint[] {
  const values = quantities.map(quantityValue);
  return values.every((v) => v <= maxMilliValue) ? quantities.map(quantityMilliValue) : values;
}

const zero = quantityOf(0);

export function minConstraint(type: string, name: string, enforced: Quantity, request: ResourceList, limit: ResourceList): string | undefined {
  const req = request.get(name);
  const lim = limit.get(name);
  const [observedReq, observedLim, enforcedValue] = comparable(req ?? zero, lim ?? zero, enforced) as [bigint, bigint, bigint];
  const min = formatQuantity(enforced);
  if (!req) return `minimum ${name} usage per ${type} is ${min}.  No request is specified`;
  if (observedReq < enforcedValue) return `minimum ${name} usage per ${type} is ${min}, but request is ${formatQuantity(req)}`;
  if (lim && observedLim < enforcedValue) return `minimum ${name} usage per ${type} is ${min}, but limit is ${formatQuantity(lim)}`;
  return undefined;
}

export function maxConstraint(type: string, name: string, enforced: Quantity, request: ResourceList, limit: ResourceList): string | undefined {
  const req = request.get(name);
  const lim = limit.get(name);
  const [observedReq, observedLim, enforcedValue] = comparable(req ?? zero, lim ?? zero, enforced) as [bigint, bigint, bigint];
  const max = formatQuantity(enforced);
  if (!lim) return `maximum ${name} usage per ${type} is ${max}.  No limit is specified`;
  if (observedLim > enforcedValue) return `maximum ${name} usage per ${type} is ${max}, but limit is ${formatQuantity(lim)}`;
  if (req && observedReq > enforcedValue) return `maximum ${name} usage per ${type} is ${max}, but request is ${formatQuantity(req)}`;
  return undefined;
}

/** maxRequestConstraint: for claims, where only the request means anything. */
export function maxRequestConstraint(type: string, name: string, enforced: Quantity, request: ResourceList): string | undefined {
  const req = request.get(name);
  const [observedReq, , enforcedValue] = comparable(req ?? zero, zero, enforced) as [bigint, bigint, bigint];
  const max = formatQuantity(enforced);
  if (!req) return `maximum ${name} usage per ${type} is ${max}.  No request is specified`;
  if (observedReq > enforcedValue) return `maximum ${name} usage per ${type} is ${max}, but request is ${formatQuantity(req)}`;
  return undefined;
}

export function ratioConstraint(type: string, name: string, enforced: Quantity, request: ResourceList, limit: ResourceList): string | undefined {
  const req = request.get(name);
  const lim = limit.get(name);
  const [observedReq, observedLim] = comparable(req ?? zero, lim ?? zero, enforced) as [bigint, bigint, bigint];
  const ratio = formatQuantity(enforced);
  if (!req || observedReq === 0n) return `${name} max limit to request ratio per ${type} is ${ratio}, but no request is specified or request is 0`;
  if (!lim || observedLim === 0n) return `${name} max limit to request ratio per ${type} is ${ratio}, but no limit is specified or limit is 0`;
  // Go compares float64s here, and prints the observed ratio with %f.
  const observed = Number(observedLim) / Number(observedReq);
  const enforcedValue = quantityValue(enforced);
  const exceeds =
    enforcedValue <= maxMilliValue ? observed * 1000 > Number(quantityMilliValue(enforced)) : observed > Number(enforcedValue);
  return exceeds ? `${name} max limit to request ratio per ${type} is ${ratio}, but provided ratio is ${observed.toFixed(6)}` : undefined;
}
