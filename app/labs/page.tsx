import type { Metadata } from "next";
import Link from "next/link";
import "@/components/labs/labs.css";
import { labCatalog } from "@/lib/labs/lab-catalog";
import { pageUser } from "@/lib/server/auth/page-user";
import { labsDeps } from "@/lib/server/labs/labs-deps";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Labs · kubeclass" };

export default async function LabsPage() {
  const user = await pageUser("/labs");
  const deps = await labsDeps();
  const catalog = labCatalog(await deps.labs()).sort((a, b) => a.chapter.number - b.chapter.number);
  const passed = await deps.prisma.labProgress.groupBy({ by: ["labSlug"], where: { userId: user.id, status: "PASSED" }, _count: { _all: true } });
  const passedBySlug = new Map(passed.map((row) => [row.labSlug, row._count._all]));
  return (
    <main>
      <h1>Labs</h1>
      <p className="lede">One lab per chapter of The Kubernetes Book. Each step checks itself against your namespace.</p>
      <ul className="lab-cards">
        {catalog.map((lab) => {
          const done = passedBySlug.get(lab.slug) ?? 0;
          return (
            <li key={lab.slug} className="panel lab-card" data-testid="lab-card">
              <p className="muted">
                Chapter {lab.chapter.number}: {lab.chapter.name}
              </p>
              <h2>
                <Link href={`/labs/${lab.slug}`}>{lab.title}</Link>
              </h2>
              <p>{lab.summary}</p>
              <p className="muted">
                About {lab.estimatedMinutes} minutes · {lab.stepCount} steps ·{" "}
                <span className={done === lab.stepCount ? "check-pass" : undefined}>
                  {done === 0 ? "not started" : `${done} of ${lab.stepCount} steps passed`}
                </span>
              </p>
            </li>
          );
        })}
      </ul>
    </main>
  );
}
