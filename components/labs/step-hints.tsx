"use client";

import { useState } from "react";
import { Markdown } from "./markdown";

/** Hints revealed one at a time, so a learner takes only as much help as they need. */
export function StepHints({ hints, initiallyShown }: { hints: string[]; initiallyShown: number }) {
  const [shown, setShown] = useState(Math.min(initiallyShown, hints.length));
  if (hints.length === 0) return null;
  return (
    <div className="lab-hints">
      {shown > 0 ? (
        <ol className="list">
          {hints.slice(0, shown).map((hint, i) => (
            <li key={i}>
              <Markdown source={hint} />
            </li>
          ))}
        </ol>
      ) : null}
      {shown < hints.length ? (
        <button type="button" className="secondary" onClick={() => setShown(shown + 1)}>
          {shown === 0 ? "Show a hint" : "Show another hint"} ({hints.length - shown} left)
        </button>
      ) : null}
    </div>
  );
}
