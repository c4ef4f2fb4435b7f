/** Kubernetes' DNS-1123 label: what namespace names must be (lowercase alphanumerics and '-', ≤ 63 characters). */
export const dnsLabelMaxLength = 63;
const dnsLabelPattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function isDnsLabel(value: string): boolean {
  return value.length <= dnsLabelMaxLength && dnsLabelPattern.test(value);
}

/**
 * The closest DNS label characters to free text: accents dropped (é → e), everything else that is not [a-z0-9]
 * becomes one '-', no '-' at either end, at most `maxLength` characters. May return "" (nothing usable was left).
 */
export function toDnsLabelPart(text: string, maxLength: number): string {
  const ascii = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
  const dashed = ascii.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return dashed.slice(0, maxLength).replace(/-+$/, "");
}
