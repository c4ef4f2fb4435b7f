/** Drops the database named by the URL argument (used by `npm test` to remove its throwaway e2e database). */
import { dropDatabase } from "@/lib/server/db/admin";
import { redactUrl } from "@/lib/server/redact-url";

const url = process.argv[2];
if (!url) {
  console.error("usage: tsx scripts/db/drop-database.ts <postgres-url>");
  process.exit(2);
}
await dropDatabase(url);
console.log(`dropped ${redactUrl(url)}`);
