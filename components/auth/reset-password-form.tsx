"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { postJson, unreachableMessage } from "../forms/post-json";
import { textField } from "./form-field";

type ResetAnswer = { email?: string };

export function ResetPasswordForm({ token }: { token: string }) {
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    const password = textField(data, "password");
    if (password !== textField(data, "confirm")) {
      setError("The two passwords are not the same.");
      return;
    }
    setPending(true);
    setError(undefined);
    const answer = await postJson<ResetAnswer>("/api/reset-password", { token, password }, { fallback: "Your password could not be changed. Please try again." });
    if (!answer.ok || !answer.value.email) {
      setError(answer.ok ? "Your password could not be changed. Please try again." : answer.error);
      setPending(false);
      return;
    }
    try {
      const result = await signIn("credentials", { email: answer.value.email, password, redirect: false, callbackUrl: window.location.origin });
      window.location.assign(result?.ok && !result.error ? "/" : "/signin");
    } catch {
      setError(unreachableMessage);
      setPending(false);
    }
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void submit(event.currentTarget);
  };

  return (
    <form className="form" onSubmit={onSubmit} aria-describedby={error ? "reset-error" : undefined}>
      <div className="field">
        <label htmlFor="password">New password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          maxLength={1024}
          aria-describedby="password-hint"
        />
        <p id="password-hint" className="hint">
          At least 10 characters.
        </p>
      </div>
      <div className="field">
        <label htmlFor="confirm">New password, again</label>
        <input id="confirm" name="confirm" type="password" autoComplete="new-password" required minLength={10} maxLength={1024} />
      </div>
      {error ? (
        <p id="reset-error" className="form-error" role="alert" data-testid="form-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Saving…" : "Set new password"}
      </button>
    </form>
  );
}
