import { describe, expect, it } from "vitest";
import { addressBucket, clientAddress } from "./sign-in-limit-client-address";

describe("the client address sign-in limits count by", () => {
  it("is the socket's peer unless proxies are trusted, whatever X-Forwarded-For claims", () => {
    expect(clientAddress("203.0.113.7", "1.2.3.4", 0)).toBe("203.0.113.7");
    expect(clientAddress(undefined, undefined, 0)).toBe("unknown");
  });

  it("behind trusted proxies, is the entry that many hops back, never one the client wrote", () => {
    // client forged "6.6.6.6"; the proxy appended the real client 198.51.100.9; the proxy itself is 10.0.0.2.
    expect(clientAddress("10.0.0.2", "6.6.6.6, 198.51.100.9", 1)).toBe("198.51.100.9");
    expect(clientAddress("10.0.0.2", ["6.6.6.6", "198.51.100.9, 10.0.0.1"], 2)).toBe("198.51.100.9");
    // Fewer entries than trusted hops: the leftmost there is.
    expect(clientAddress("10.0.0.2", undefined, 1)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "198.51.100.9", 5)).toBe("198.51.100.9");
  });

  it("counts IPv4 addresses one by one and IPv6 hosts by their /64", () => {
    expect(addressBucket("203.0.113.7")).toBe("203.0.113.7");
    expect(addressBucket("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(addressBucket("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressBucket("::1")).toBe("0:0:0:0::/64");
    expect(addressBucket("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(addressBucket("unknown")).toBe("unknown");
  });
});
