import { z } from "zod";

/** A password someone chooses (sign-up, reset). Long beats clever; the upper bound only caps hashing work. */
export const newPasswordSchema = z
  .string()
  .min(10, "Use at least 10 characters for your password.")
  .max(1024, "Use at most 1024 characters for your password.");
