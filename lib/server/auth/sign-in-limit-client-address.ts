import { isIPv4, isIPv6 } from "node:net";

/** Set by server.ts on every request (any value a client sent is replaced): the address sign-in limits count by. */
export const CLIENT_ADDRESS_HEADER = "x-kubeclass-client-address";

/**
 * The client's address: the socket's peer, or, behind `trustedHops` reverse proxies that each append to
 * X-Forwarded-For, the entry that many hops back. Entries further left were written by the client and could be
 * anything, so they are never used.
 */
export function clientAddress(remoteAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedHops: number): string {
  const peer = remoteAddress ?? "unknown";
  if (trustedHops === 0) return peer;
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  return chain[Math.max(0, chain.length - 1 - trustedHops)] ?? peer;
}

/**
 * What one client is, for counting: an IPv4 address, or an IPv6 /64 (one host is usually given a whole /64, so
 * counting single IPv6 addresses would let it rotate through billions of them).
 */
export function addressBucket(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return "unknown";
  return `${expandIPv6(address).slice(0, 4).join(":")}::/64`;
}

function expandIPv6(address: string): string[] {
  const [head = "", tail] = address.split("%")[0]!.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill("0"), ...right].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ""));
}
