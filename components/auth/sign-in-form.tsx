"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { unreachableMessage } from "../forms/post-json";
import { textField } from "./form-field";
import type { ExternalProvider } from "@/lib/server/auth/auth-providers";
import { signInErrorMessage } from "./auth-error-message";

type Props = {
  /** Where to go once signed in: a path on this site, already checked by the page. */
  next: string;
  providers: ExternalProvider[];
  initialError?: string;
};

export function SignInForm({ next, providers, initialError }: Props) {
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);

  async function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    setPending(true);
    setError(undefined);
    try {
      const result = await signIn("credentials", {
        email: textField(data, "email"),
        password: textField(data, "password"),
        redirect: false,
        callbackUrl: new URL(next, window.location.origin).href,
      });
      if (result?.ok && !result.error) {
        // A full load, so the header and every server component see the new session.
        window.location.assign(next);
        return;
      }
      setError(signInErrorMessage(result?.error ?? "Callback", "server"));
    } catch {
      setError(unreachableMessage);
    }
    setPending(false);
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void submit(event.currentTarget);
  };

  return (
    <div className="auth-forms">
      <form className="form" onSubmit={onSubmit} aria-describedby={error ? "sign-in-error" : undefined}>
        <div className="field">
          <label htmlFor="email">E-mail</label>
          <input id="email" name="email" type="email" autoComplete="email" required maxLength={254} />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required maxLength={1024} />
        </div>
        {error ? (
          <p id="sign-in-error" className="form-error" role="alert" data-testid="form-error">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {providers.length > 0 ? (
        <div className="providers">
          <p className="or">or</p>
          {providers.map((provider) => (
            <button
              key={provider.id}
              type="button"
              className="button-quiet"
              onClick={() => void signIn(provider.id, { callbackUrl: new URL(next, window.location.origin).href })}
            >
              Sign in with {provider.name}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
