"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { postJson } from "../forms/post-json";

export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const revoke = async () => {
    setBusy(true);
    setError(undefined);
    const result = await postJson(`/api/tokens/${encodeURIComponent(id)}`, undefined, { method: "DELETE" });
    setBusy(false);
    if (result.ok) router.refresh();
    else setError(result.error);
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
