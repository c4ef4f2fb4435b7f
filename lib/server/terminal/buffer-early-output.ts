import type { TerminalSession } from "@/lib/terminal/terminal-session";

/**
 * A shell may print its banner and first prompt before anyone has subscribed (the server still has work to do
 * between opening a session and registering it). This keeps that output and hands it to the first subscriber.
 */
export function bufferEarlyOutput(session: TerminalSession): TerminalSession {
  let early: string[] | undefined = [];
  const stop = session.onOutput((data) => early?.push(data));
  return {
    input: (data) => session.input(data),
    resize: (columns, rows) => session.resize(columns, rows),
    close: () => session.close(),
    ...(session.announce ? { announce: (text: string) => session.announce?.(text) } : {}),
    onOutput(listener) {
      if (early) {
        const kept = early.join("");
        early = undefined;
        stop();
        if (kept) listener(kept);
      }
      return session.onOutput(listener);
    },
  };
}
