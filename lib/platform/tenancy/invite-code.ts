/** No 0/O, 1/I/L: a code read aloud or copied from a projector survives. */
export const inviteCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const inviteCodeLength = 10;

/** A fresh invite code; `randomIndex(n)` returns a uniformly random integer in [0, n) (crypto.randomInt in the app). */
export function newInviteCode(randomIndex: (n: number) => number): string {
  return Array.from({ length: inviteCodeLength }, () => inviteCodeAlphabet[randomIndex(inviteCodeAlphabet.length)]).join("");
}

/** What a person typed or pasted, as stored: upper case, without spaces or dashes; a whole invite link works too. */
export function normalizeInviteCode(input: string): string {
  const trimmed = input.trim();
  const fromLink = /[?&/]code[=/]([^&#/]+)|\/join\/([^?&#/]+)/i.exec(trimmed);
  const code = fromLink ? (fromLink[1] ?? fromLink[2] ?? "") : trimmed;
  return safelyDecoded(code).replace(/[\s-]+/g, "").toUpperCase();
}

/** A pasted link may carry a broken %-escape; that is a wrong code (not found), never a crash. */
function safelyDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
