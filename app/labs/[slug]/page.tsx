import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LabSteps, type LabStepView } from "@/components/labs/lab-steps";
import styles from "@/components/labs/lab-page.module.css";
import { NamespaceObjectsView } from "@/components/labs/namespace-objects-view";
import { TerminalView } from "@/components/terminal/terminal-view";
import { pageUser } from "@/lib/server/auth/page-user";
import { labProgress } from "@/lib/server/labs/lab-progress";
import { labsDeps } from "@/lib/server/labs/labs-deps";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  const lab = (await (await labsDeps()).labs()).find((l) => l.slug === slug);
  return { title: lab ? `${lab.title} · kubeclass` : "Lab · kubeclass" };
}

export default async function LabPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await pageUser(`/labs/${slug}`);
  const deps = await labsDeps();
  const lab = (await deps.labs()).find((l) => l.slug === slug);
  if (!lab) notFound();
  const hasNamespace = await deps.prisma.membership.findFirst({ where: { userId: user.id, role: "LEARNER", namespace: { not: null } }, select: { namespace: true } });
  const progress = await labProgress(deps, user, lab.slug);
  const byStep = new Map(progress.steps.map((s) => [s.stepId, s]));
  // Only what the learner reads: never the checks' internals, the reference solution or hints not yet revealed.
  const steps: LabStepView[] = lab.steps.map((step) => {
    const progressed = byStep.get(step.id);
    return {
      id: step.id,
      title: step.title,
      instructions: step.instructions,
      hints: progressed?.hints ?? [],
      hintsTotal: progressed?.hintsTotal ?? step.hints.length,
      faultDrill: step.faultDrill,
      status: progressed?.status ?? "NOT_STARTED",
    };
  });

  return (
    <main className={styles.page}>
      <div className={styles.instructions}>
        <p className="muted">
          <Link href="/labs">Labs</Link> · Chapter {lab.chapter.number}: {lab.chapter.name}
        </p>
        <h1>{lab.title}</h1>
        <p>{lab.summary}</p>
        <h2>You will</h2>
        <ul className="list">
          {lab.objectives.map((objective) => (
            <li key={objective}>{objective}</li>
          ))}
        </ul>
        {hasNamespace ? null : (
          <p role="alert" className="error">
            Join a classroom first: labs are checked in your classroom namespace. <Link href="/classrooms">Go to classrooms</Link>.
          </p>
        )}
        <LabSteps labSlug={lab.slug} steps={steps} canOpen={hasNamespace !== null} />
      </div>
      <div className={styles.workbench}>
        <section className={styles.terminal} aria-label="Terminal">
          <TerminalView />
        </section>
        <div className={`panel ${styles.objects}`}>{hasNamespace ? <NamespaceObjectsView /> : <p className="muted">Your namespace appears here once you join a classroom.</p>}</div>
      </div>
    </main>
  );
}
