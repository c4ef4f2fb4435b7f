-- CreateEnum
CREATE TYPE "HomeEntryKind" AS ENUM ('FILE', 'DIR');

-- CreateTable
CREATE TABLE "home_files" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "kind" "HomeEntryKind" NOT NULL,
    "content" TEXT NOT NULL DEFAULT '',
    "size" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "home_files_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "terminal_commands" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "line" TEXT NOT NULL,
    "namespace" TEXT,
    "exit_code" INTEGER,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "terminal_commands_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "home_files_user_id_path_key" ON "home_files"("user_id", "path");

-- CreateIndex
CREATE INDEX "terminal_commands_user_id_started_at_idx" ON "terminal_commands"("user_id", "started_at");

-- AddForeignKey
ALTER TABLE "home_files" ADD CONSTRAINT "home_files_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "terminal_commands" ADD CONSTRAINT "terminal_commands_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
