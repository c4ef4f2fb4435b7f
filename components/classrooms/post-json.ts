/** fetch for the classroom forms: the server's sentence on failure, a fixed one if the server cannot be reached. */
export async function postJson<T>(url: string, body: unknown, method = "POST"): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    return { ok: false, error: "Could not reach the server. Check your connection and try again." };
  }
  const parsed = (await response.json().catch(() => undefined)) as (T & { error?: string }) | undefined;
  if (!response.ok) return { ok: false, error: parsed?.error ?? `The server answered ${response.status}.` };
  return { ok: true, value: parsed as T };
}
