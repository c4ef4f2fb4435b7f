import { HealthPanel } from "@/components/health-panel";
import { checkHealth } from "@/lib/server/health/check-health";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const report = await checkHealth();
  return (
    <main>
      <h1>kubeclass</h1>
      <p className="lede">
        A Kubernetes classroom: one simulated cluster for the whole class, a namespace and a terminal for every
        learner.
      </p>
      <HealthPanel initial={report} />
    </main>
  );
}
