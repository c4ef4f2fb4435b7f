import { gradeSheetRows } from "@/lib/instructor/grade-sheet";
import { toCsv } from "@/lib/instructor/csv";
import { requireUser } from "@/lib/server/auth/current-user";
import { jsonRoute } from "@/lib/server/http/json-route";
import { classroomGradeSheet } from "@/lib/server/instructor/classroom-grades";
import { instructorDeps } from "@/lib/server/instructor/instructor-deps";

export const dynamic = "force-dynamic";

/** The classroom's grade sheet as CSV (the grades page's table, row for row), for its instructors only. */
export const GET = jsonRoute(async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const user = await requireUser();
  const { id } = await context.params;
  const deps = await instructorDeps();
  const sheet = await classroomGradeSheet(deps, user, id);
  const name = sheet.classroom.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "classroom";
  return new Response(toCsv(gradeSheetRows(sheet, deps.now())), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}-grades.csv"`,
      "cache-control": "no-store",
    },
  });
});
