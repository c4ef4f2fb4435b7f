"use client";

import { useEffect, useState } from "react";
import { postJson } from "../forms/post-json";
import "./labs.css";
import { Markdown } from "./markdown";
import { StepChecks } from "./step-checks";
import { StepHints } from "./step-hints";

export type StepStatus = "NOT_STARTED" | "IN_PROGRESS" | "PASSED";
/** What the page knows of a step: the hints already revealed, and how many there are in all. */
export type LabStepView = { id: string; title: string; instructions: string; hints: string[]; hintsTotal: number; faultDrill: boolean; status: StepStatus };

const statusLabel: Record<StepStatus, string> = { NOT_STARTED: "not started", IN_PROGRESS: "in progress", PASSED: "passed" };
const statusMark: Record<StepStatus, string> = { NOT_STARTED: "○", IN_PROGRESS: "◐", PASSED: "✓" };

/** The instructions side of a lab: the step list with each step's status, and the chosen step in full. */
export function LabSteps({ labSlug, steps: initial, canOpen }: { labSlug: string; steps: LabStepView[]; canOpen: boolean }) {
  const [statuses, setStatuses] = useState(() => new Map(initial.map((s) => [s.id, s.status])));
  // Start at the first step not yet passed: where the learner left off.
  const [current, setCurrent] = useState(() => Math.max(0, initial.findIndex((s) => s.status !== "PASSED")));
  const [openError, setOpenError] = useState<string>();
  const step = initial[current] ?? initial[0];
  const stepId = step?.id;

  // Opening a step starts it on the server: its setup objects go into the namespace, its files into the home.
  useEffect(() => {
    if (!canOpen || !stepId) return;
    let stale = false;
    setOpenError(undefined);
    void postJson(`/api/labs/${encodeURIComponent(labSlug)}/steps/${encodeURIComponent(stepId)}/open`, undefined, {
      fallback: "This step could not be prepared. Reload the page to try again.",
    }).then((answer) => {
      if (stale) return;
      if (!answer.ok) return setOpenError(answer.error);
      setStatuses((old) => (old.get(stepId) === "NOT_STARTED" ? new Map(old).set(stepId, "IN_PROGRESS") : old));
    });
    return () => {
      stale = true;
    };
  }, [canOpen, labSlug, stepId]);

  if (!step) return null;
  const passed = [...statuses.values()].filter((s) => s === "PASSED").length;

  return (
    <div className="lab-steps">
      <nav aria-label="Steps">
        <p className="muted" data-testid="lab-progress">
          {passed} of {initial.length} steps passed
        </p>
        <ol className="step-list">
          {initial.map((s, i) => {
            const status = statuses.get(s.id) ?? "NOT_STARTED";
            return (
              <li key={s.id}>
                <button type="button" className={i === current ? "step-link current" : "step-link"} aria-current={i === current ? "step" : undefined} onClick={() => setCurrent(i)}>
                  <span aria-hidden="true" className={status === "PASSED" ? "check-pass" : undefined}>
                    {statusMark[status]}
                  </span>{" "}
                  {i + 1}. {s.title} <span className="visually-hidden">({statusLabel[status]})</span>
                </button>
              </li>
            );
          })}
        </ol>
      </nav>
      <article key={step.id} className="panel lab-step" aria-labelledby={`step-${step.id}`}>
        <h2 id={`step-${step.id}`}>
          <span>
            Step {current + 1}: {step.title}
          </span>
          <span className="live">{statusLabel[statuses.get(step.id) ?? "NOT_STARTED"]}</span>
        </h2>
        {step.faultDrill ? <p className="note">Fault drill: something is broken on purpose. Find it and fix it.</p> : null}
        {openError ? (
          <p role="alert" className="error">
            {openError}
          </p>
        ) : null}
        <Markdown source={step.instructions} />
        <StepHints labSlug={labSlug} stepId={step.id} revealed={step.hints} total={step.hintsTotal} />
        <StepChecks
          labSlug={labSlug}
          stepId={step.id}
          onChecked={(outcome) =>
            setStatuses((old) => {
              const next = new Map(old);
              // A pass is kept even if a later check fails, as the server keeps it.
              if (outcome.passed) next.set(step.id, "PASSED");
              else if (old.get(step.id) !== "PASSED") next.set(step.id, "IN_PROGRESS");
              return next;
            })
          }
        />
        {current + 1 < initial.length ? (
          <button type="button" className="secondary" onClick={() => setCurrent(current + 1)}>
            Next step
          </button>
        ) : null}
      </article>
    </div>
  );
}
