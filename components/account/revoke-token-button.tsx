"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const revoke = async () => {
    setBusy(true);
    setError(undefined);
    const response = await fetch(`/api/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }).catch(() => undefined);
    setBusy(false);
    if (response?.ok) router.refresh();
    else setError(((await response?.json().catch(() => undefined)) as { error?: string } | undefined)?.error ?? "Could not reach the server; try again.");
  };
  return (
    <>
      <button type="button" onClick={() => void revoke()} disabled={busy} aria-label={`Revoke ${name}`}>
        Revoke
      </button>
      {error ? <span role="alert" className="error"> {error}</span> : null}
    </>
  );
}
