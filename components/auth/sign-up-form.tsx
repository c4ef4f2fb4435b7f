"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { postJson, unreachableMessage } from "../forms/post-json";
import { textField } from "./form-field";

type Props = {
  /** Where to go once signed up, unless the server hands back an invite to continue with. */
  next: string;
  invite?: string;
  instructorSignupOpen: boolean;
};

type SignUpAnswer = { invite?: string };

export function SignUpForm({ next, invite, instructorSignupOpen }: Props) {
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    const email = textField(data, "email");
    const password = textField(data, "password");
    setPending(true);
    setError(undefined);
    const answer = await postJson<SignUpAnswer>(
      "/api/signup",
      {
        name: textField(data, "name"),
        email,
        password,
        role: data.get("teaches") === "on" ? "INSTRUCTOR" : "LEARNER",
        ...(invite ? { invite } : {}),
      },
      { fallback: "Your account could not be created. Please try again." },
    );
    if (!answer.ok) {
      setError(answer.error);
      setPending(false);
      return;
    }
    const destination = answer.value.invite ? `/join/${encodeURIComponent(answer.value.invite)}` : next;
    try {
      const result = await signIn("credentials", { email, password, redirect: false, callbackUrl: new URL(destination, window.location.origin).href });
      // The account exists either way; if signing in failed (e.g. rate limited), the sign-in page takes over.
      window.location.assign(result?.ok && !result.error ? destination : `/signin?callbackUrl=${encodeURIComponent(destination)}`);
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
    <form className="form" onSubmit={onSubmit} aria-describedby={error ? "sign-up-error" : undefined}>
      <div className="field">
        <label htmlFor="name">Name</label>
        <input id="name" name="name" type="text" autoComplete="name" required maxLength={100} />
      </div>
      <div className="field">
        <label htmlFor="email">E-mail</label>
        <input id="email" name="email" type="email" autoComplete="email" required maxLength={254} />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
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
          At least 10 characters. A few unrelated words make a good one.
        </p>
      </div>
      {instructorSignupOpen ? (
        <div className="field field-check">
          <input id="teaches" name="teaches" type="checkbox" />
          <label htmlFor="teaches">I teach a class</label>
        </div>
      ) : null}
      {error ? (
        <p id="sign-up-error" className="form-error" role="alert" data-testid="form-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </button>
    </form>
  );
}
