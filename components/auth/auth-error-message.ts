// next-auth reports failures as short codes (in ?error= or in signIn()'s result); people get sentences.
const sentences: Record<string, string> = {
  CredentialsSignin: "That e-mail address and password do not match an account here.",
  UnverifiedEmail: "Your provider has not verified that e-mail address, so it cannot sign you in here. Verify it there first.",
  OAuthSignin: "Signing in with that provider did not start. Please try again.",
  OAuthCallback: "Signing in with that provider did not finish. Please try again.",
  OAuthCreateAccount: "Signing in with that provider did not finish. Please try again.",
  Callback: "Signing in did not finish. Please try again.",
  AccessDenied: "That account may not sign in here.",
  SessionRequired: "Sign in to see that page.",
  Configuration: "Sign-in is not set up correctly on this server. Please tell your administrator.",
};

const GENERIC = "Signing in did not work. Please try again.";

/**
 * The sentence for a sign-in failure. A code from the address bar maps to a known sentence only (anyone can put
 * text in a link); the server's own answer to the form may also be a sentence of ours, shown as it is.
 */
export function signInErrorMessage(error: string | null | undefined, source: "url" | "server"): string | undefined {
  if (!error) return undefined;
  return sentences[error] ?? (source === "server" && /^[A-Z][^<>]{0,200}\.$/.test(error) ? error : GENERIC);
}
