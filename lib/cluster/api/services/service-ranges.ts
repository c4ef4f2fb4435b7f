// The cluster's Service address space, as kube-apiserver is configured by kubeadm's defaults:
// --service-cluster-ip-range=10.96.0.0/12 and --service-node-port-range=30000-32767.

export const serviceCIDR = "10.96.0.0/12";
/** The `kubernetes` Service always gets the first address of the range, `kube-dns` the tenth (kubeadm). */
export const kubernetesServiceIP = "10.96.0.1";
export const dnsServiceIP = "10.96.0.10";

export const nodePortFirst = 30000;
export const nodePortLast = 32767;
export const nodePortRangeText = `${nodePortFirst}-${nodePortLast}`;

/** A run of allocatable values, inclusive. */
export type Band = { first: number; last: number };

const cidrBase = ipv4ToNumber("10.96.0.0")!;
const cidrSize = 2 ** 20;

/** Dotted-quad IPv4 to a number; undefined unless it is exactly four decimal octets without leading zeros. */
export function ipv4ToNumber(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function numberToIPv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

/** Loose IPv6 recognition, only to say "IPv6 is not configured on this cluster" instead of "not an IP". */
export function looksLikeIPv6(text: string): boolean {
  return text.includes(":") && /^[0-9a-fA-F:.]+$/.test(text);
}

export function inServiceCIDR(ip: number): boolean {
  return ip >= cidrBase && ip < cidrBase + cidrSize;
}

/** The network and broadcast addresses are inside the CIDR but never handed out. */
export function allocatableIP(ip: number): boolean {
  return ip > cidrBase && ip < cidrBase + cidrSize - 1;
}

export function allocatableNodePort(port: number): boolean {
  return Number.isInteger(port) && port >= nodePortFirst && port <= nodePortLast;
}

/**
 * Kubernetes keeps the start of each range for values users ask for by number (ServiceIPStaticSubrange,
 * ServiceNodePortStaticSubrange): automatic allocation takes from the rest first and falls back to the start
 * only when the rest is full. The start is min(max(16, size/16), 256) addresses, min(max(16, size/32), 128) ports.
 */
function splitBands(first: number, last: number, staticSize: number): Band[] {
  return [
    { first: first + staticSize, last },
    { first, last: first + staticSize - 1 },
  ];
}

export const clusterIPBands: Band[] = splitBands(cidrBase + 1, cidrBase + cidrSize - 2, Math.min(Math.max(16, Math.floor(cidrSize / 16)), 256));
export const nodePortBands: Band[] = splitBands(
  nodePortFirst,
  nodePortLast,
  Math.min(Math.max(16, Math.floor((nodePortLast - nodePortFirst + 1) / 32)), 128),
);

/** FNV-1a: a stable spread of seeds over a band. */
function hash(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The first free value, probing each band from a point derived from `seed`. Kubernetes starts from a random
 * point; a seed (the Service's uid and which slot) spreads values just as well and makes a retried write of
 * the same Service ask for the same values again, so a retry reuses what its first try reserved.
 */
export function pickFree(bands: Band[], seed: string, taken: (value: number) => boolean): number | undefined {
  for (const band of bands) {
    const size = band.last - band.first + 1;
    const start = hash(seed) % size;
    for (let i = 0; i < size; i++) {
      const value = band.first + ((start + i) % size);
      if (!taken(value)) return value;
    }
  }
  return undefined;
}
