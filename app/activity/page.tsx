import { listMyActivity } from "@/lib/server/activity/list-my-activity";
import { pageUser } from "@/lib/server/auth/page-user";
import { prisma } from "@/lib/server/db/prisma";

export const dynamic = "force-dynamic";

export default async function ActivityPage() {
  const user = await pageUser("/activity");
  const entries = await listMyActivity({ prisma: prisma() }, user, { limit: 200 });
  return (
    <main>
      <h1>Your activity</h1>
      <p className="lede">Your latest requests to the cluster, from kubectl on your laptop or the browser terminal, as the API recorded them.</p>
      {entries.length === 0 ? (
        <p>Nothing yet. Requests you make to the cluster appear here.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>When (UTC)</th>
              <th>Verb</th>
              <th>Resource</th>
              <th>Namespace</th>
              <th>Name</th>
              <th>Result</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry, index) => (
              <tr key={index} data-testid="activity-row">
                <td>{entry.at.toISOString().replace("T", " ").slice(0, 19)}</td>
                <td>{entry.verb}</td>
                <td>{entry.resource}</td>
                <td>{entry.namespace}</td>
                <td>{entry.name}</td>
                <td className={entry.code >= 400 ? "denied" : undefined}>{entry.code}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
