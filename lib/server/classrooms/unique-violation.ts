import { Prisma } from "../db/generated/prisma/client";

/** A write refused by a unique index (Prisma's P2002): someone else got there first. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
