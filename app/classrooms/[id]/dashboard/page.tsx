import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BroadcastForm } from "@/components/instructor/broadcast-form";
import { ClassroomDashboardView } from "@/components/instructor/classroom-dashboard-view";
import { ClusterDrillsPanel } from "@/components/instructor/cluster-drills-panel";
import "@/components/labs/labs.css";
import type { ClassroomDashboard } from "@/lib/instructor/dashboard-types";
import { pageUser } from "@/lib/server/auth/page-user";
import { classroomDashboard } from "@/lib/server/instructor/classroom-dashboard";
import { instructorDeps } from "@/lib/server/instructor/instructor-deps";
import { Forbidden, NotFound } from "@/lib/server/platform-errors";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dashboard · kubeclass" };

export default async function ClassroomDashboardPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await pageUser(`/classrooms/${id}/dashboard`);
  let dashboard: ClassroomDashboard;
  try {
    dashboard = await classroomDashboard(await instructorDeps(), user, id);
  } catch (error) {
    // Learners and other classrooms' instructors see the same as for a classroom that does not exist.
    if (error instanceof NotFound || error instanceof Forbidden) notFound();
    throw error;
  }
  return (
    <main className="wide">
      <p className="muted">
        <Link href={`/classrooms/${id}`}>Back to the classroom</Link> · <Link href={`/classrooms/${id}/grades`}>Grades</Link>
      </p>
      <h1>{dashboard.classroom.name}: dashboard</h1>
      <ClassroomDashboardView initial={dashboard} />
      <BroadcastForm classroomId={id} />
      <ClusterDrillsPanel />
    </main>
  );
}
