-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "message" TEXT;
