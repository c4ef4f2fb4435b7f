import Link from "next/link";
import { viewer } from "@/components/auth/viewer";
import { HealthPanel } from "@/components/health-panel";
import { checkHealth } from "@/lib/server/health/check-health";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const [report, user] = await Promise.all([checkHealth(), viewer()]);
  return (
    <main>
      <h1>kubeclass</h1>
      <p className="lede">
        A Kubernetes classroom: one simulated cluster for the whole class, a namespace and a terminal for every
        learner.
      </p>
      <p>
        {user ? (
          <Link href="/classrooms">Go to your classrooms</Link>
        ) : (
          <>
            <Link href="/signup">Create an account</Link> or <Link href="/signin">sign in</Link> to join your classroom.
          </>
        )}
      </p>
      <HealthPanel initial={report} />
    </main>
  );
}
