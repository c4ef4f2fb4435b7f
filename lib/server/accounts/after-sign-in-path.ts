import { normalizeInviteCode } from "@/lib/platform/tenancy/invite-code";

/**
 * A path on this site to continue to, or undefined. Only a relative path is accepted: `//evil.example`,
 * `/\evil.example` and anything with a scheme would take the person (and their fresh session) elsewhere.
 */
export function safeCallbackPath(raw: string | undefined | null): string | undefined {
  if (!raw || raw.length > 2000) return undefined;
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return undefined;
  // Control characters and backslashes are read differently by different URL parsers.
  if ([...raw].some((c) => c === "\\" || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return undefined;
  try {
    const url = new URL(raw, "http://kubeclass.invalid");
    if (url.origin !== "http://kubeclass.invalid") return undefined;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return undefined;
  }
}

/** A classroom invite code as stored (upper case, no dashes), or undefined if it cannot be one. */
export function inviteCodeFrom(raw: string | undefined | null): string | undefined {
  if (!raw) return undefined;
  let code: string;
  try {
    code = normalizeInviteCode(raw);
  } catch {
    return undefined; // malformed percent-encoding in a pasted link
  }
  return /^[A-Z0-9]{4,40}$/.test(code) ? code : undefined;
}

/** Where to go after signing in or up: the classroom being joined, else the page that sent the person here. */
export function afterSignInPath(params: { callbackUrl?: string | null; invite?: string | null }): string {
  const invite = inviteCodeFrom(params.invite);
  if (invite) return `/join/${encodeURIComponent(invite)}`;
  return safeCallbackPath(params.callbackUrl) ?? "/";
}
