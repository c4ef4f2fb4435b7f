import Link from "next/link";
import { SignOutButton } from "./sign-out-button";
import { viewer } from "./viewer";

/** Every page's top bar: who is signed in, or the way to sign in. */
export async function SiteHeader() {
  const user = await viewer();
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        kubeclass
      </Link>
      <nav aria-label="Account" className="account">
        {user ? (
          <>
            <Link href="/classrooms">Classrooms</Link>
            <Link href="/labs">Labs</Link>
            <Link href="/terminal">Terminal</Link>
            <Link href="/activity">Activity</Link>
            <Link href="/account/tokens">API tokens</Link>
            <span className="who" data-testid="signed-in-user">
              {user.name}
            </span>
            <SignOutButton />
          </>
        ) : (
          <>
            <Link href="/signin">Sign in</Link>
            <Link href="/signup" className="button">
              Sign up
            </Link>
          </>
        )}
      </nav>
    </header>
  );
}
