import type { Metadata } from "next";
import { TerminalView } from "@/components/terminal/terminal-view";
import { pageUser } from "@/lib/server/auth/page-user";
import styles from "./terminal.module.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Terminal · kubeclass" };

export default async function TerminalPage() {
  // Signed-in only; the socket checks the same session cookie on its own.
  await pageUser("/terminal");
  return (
    <main className={styles.page}>
      <h1 className={styles.heading}>Terminal</h1>
      <TerminalView />
    </main>
  );
}
