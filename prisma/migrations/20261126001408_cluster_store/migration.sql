-- CreateEnum
CREATE TYPE "ClusterChangeType" AS ENUM ('ADDED', 'MODIFIED', 'DELETED');

-- CreateTable
CREATE TABLE "cluster_objects" (
    "cluster" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "uid" TEXT NOT NULL,
    "resource_version" BIGINT NOT NULL,
    "body" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cluster_objects_pkey" PRIMARY KEY ("cluster","group","resource","namespace","name")
);

-- CreateTable
CREATE TABLE "cluster_compactions" (
    "cluster" TEXT NOT NULL,
    "revision" BIGINT NOT NULL,
    "compacted_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cluster_compactions_pkey" PRIMARY KEY ("cluster")
);

-- CreateTable
CREATE TABLE "cluster_changes" (
    "revision" BIGSERIAL NOT NULL,
    "cluster" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "ClusterChangeType" NOT NULL,
    "object" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cluster_changes_pkey" PRIMARY KEY ("revision")
);

-- CreateIndex
CREATE INDEX "cluster_changes_cluster_group_resource_revision_idx" ON "cluster_changes"("cluster", "group", "resource", "revision");

-- CreateIndex
CREATE INDEX "cluster_changes_cluster_revision_idx" ON "cluster_changes"("cluster", "revision");
