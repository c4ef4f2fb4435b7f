import { RevokeTokenButton } from "@/components/account/revoke-token-button";
import { pageUser } from "@/lib/server/auth/page-user";
import { prisma } from "@/lib/server/db/prisma";
import { listMyTokens } from "@/lib/server/tokens/list-my-tokens";

export const dynamic = "force-dynamic";

const when = (date: Date | null) => (date ? date.toISOString().replace("T", " ").slice(0, 16) + " UTC" : "—");

export default async function TokensPage() {
  const user = await pageUser("/account/tokens");
  const tokens = await listMyTokens({ prisma: prisma(), now: () => new Date() }, user);
  return (
    <main>
      <h1>API tokens</h1>
      <p className="lede">
        Every kubeconfig you download carries a token of its own. Revoke one you no longer use (a lost laptop, an old
        file); kubectl with that file is refused within seconds.
      </p>
      {tokens.length === 0 ? (
        <p>You have no tokens yet. Download a kubeconfig from one of your classrooms.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Created</th>
              <th>Expires</th>
              <th>Last used</th>
              <th>State</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id} data-testid="token-row">
                <td>{token.name}</td>
                <td>{when(token.createdAt)}</td>
                <td>{when(token.expiresAt)}</td>
                <td>{when(token.lastUsedAt)}</td>
                <td>{token.state}</td>
                <td>{token.state === "active" ? <RevokeTokenButton id={token.id} name={token.name} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
