-- CreateEnum
CREATE TYPE "StepStatus" AS ENUM ('IN_PROGRESS', 'PASSED');

-- CreateTable
CREATE TABLE "lab_progress" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "lab_slug" TEXT NOT NULL,
    "step_id" TEXT NOT NULL,
    "status" "StepStatus" NOT NULL DEFAULT 'IN_PROGRESS',
    "hints_shown" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "lab_progress_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "check_attempts" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "lab_slug" TEXT NOT NULL,
    "step_id" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "results" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "check_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assignments" (
    "id" TEXT NOT NULL,
    "classroom_id" TEXT NOT NULL,
    "lab_slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "opens_at" TIMESTAMP(3) NOT NULL,
    "due_at" TIMESTAMP(3) NOT NULL,
    "created_by_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assignments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "submissions" (
    "id" TEXT NOT NULL,
    "assignment_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "submitted_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "late" BOOLEAN NOT NULL,
    "score" INTEGER NOT NULL,
    "max_score" INTEGER NOT NULL,
    "results" JSONB NOT NULL,
    "regraded_at" TIMESTAMP(3),

    CONSTRAINT "submissions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "lab_progress_user_id_lab_slug_step_id_key" ON "lab_progress"("user_id", "lab_slug", "step_id");

-- CreateIndex
CREATE INDEX "check_attempts_user_id_created_at_idx" ON "check_attempts"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "check_attempts_lab_slug_step_id_created_at_idx" ON "check_attempts"("lab_slug", "step_id", "created_at");

-- CreateIndex
CREATE INDEX "assignments_classroom_id_due_at_idx" ON "assignments"("classroom_id", "due_at");

-- CreateIndex
CREATE INDEX "submissions_assignment_id_user_id_submitted_at_idx" ON "submissions"("assignment_id", "user_id", "submitted_at");

-- AddForeignKey
ALTER TABLE "lab_progress" ADD CONSTRAINT "lab_progress_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "check_attempts" ADD CONSTRAINT "check_attempts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_classroom_id_fkey" FOREIGN KEY ("classroom_id") REFERENCES "classrooms"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_assignment_id_fkey" FOREIGN KEY ("assignment_id") REFERENCES "assignments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
