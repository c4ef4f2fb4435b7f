"use client";

import { useState, type FormEvent } from "react";
import { postJson } from "../forms/post-json";

/**
 * A form that POSTs JSON and either moves on (`onDone` with the answer) or shows the server's sentence: the busy
 * flag, the error and the submit handler every classroom form needs.
 */
export function useJsonForm<T>(url: string, body: () => unknown, onDone: (value: T) => void) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const result = await postJson<T>(url, body());
    setBusy(false);
    if (result.ok) onDone(result.value);
    else setError(result.error);
  };
  return { error, busy, onSubmit: (event: FormEvent) => void submit(event) };
}
