/** The sentence for a request that never reached the server (offline, the server restarting). */
export const unreachableMessage = "The server could not be reached. Check your connection and try again.";

/**
 * fetch for the platform's forms: a JSON body in, the parsed answer out, or the server's sentence on failure
 * (`fallback` when the server gave none) and a fixed one when it could not be reached.
 */
export async function postJson<T>(
  url: string,
  body: unknown,
  options: { method?: string; fallback?: string } = {},
): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? "POST",
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    return { ok: false, error: unreachableMessage };
  }
  const parsed = (await response.json().catch(() => undefined)) as (T & { error?: string }) | undefined;
  if (!response.ok) return { ok: false, error: parsed?.error ?? options.fallback ?? `The server answered ${response.status}.` };
  return { ok: true, value: (parsed ?? {}) as T };
}
