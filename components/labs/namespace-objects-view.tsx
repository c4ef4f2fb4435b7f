"use client";

import { useEffect, useState } from "react";

type Row = { kind: string; name: string; status: string };
type View = { namespace: string; objects: Row[] };

const POLL_MS = 2000;

/** A live list of what is in the learner's namespace, refreshed every 2 s while the page is open. */
export function NamespaceObjectsView() {
  const [view, setView] = useState<View>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const response = await fetch("/api/labs/namespace-objects", { cache: "no-store" });
        const body = (await response.json().catch(() => ({}))) as View & { error?: string };
        if (stopped) return;
        if (response.ok) {
          setView(body);
          setError(undefined);
        } else setError(body.error ?? "Your namespace could not be read.");
      } catch {
        if (!stopped) setError("The server could not be reached. Retrying…");
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);

  return (
    <section className="lab-objects" aria-labelledby="lab-objects-heading">
      <h2 id="lab-objects-heading">
        Your namespace {view ? <code>{view.namespace}</code> : null} <span className="live">live</span>
      </h2>
      {error ? <p className="error">{error}</p> : null}
      {view && view.objects.length === 0 ? <p className="muted">Nothing here yet.</p> : null}
      {view && view.objects.length > 0 ? (
        <table className="table" data-testid="namespace-objects">
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Name</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {view.objects.map((o) => (
              <tr key={`${o.kind}/${o.name}`}>
                <td>{o.kind}</td>
                <td>{o.name}</td>
                <td>{o.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
