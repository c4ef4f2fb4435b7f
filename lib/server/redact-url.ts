/** A connection URL fit for a log line or an error message: the password is never shown. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = "****";
    return url.toString();
  } catch {
    return "<unparseable URL>";
  }
}
