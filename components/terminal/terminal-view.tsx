"use client";

import "@xterm/xterm/css/xterm.css";
import { FitAddon } from "@xterm/addon-fit";
import { Terminal } from "@xterm/xterm";
import { useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import { chunkInput } from "./chunk-input";
import styles from "./terminal-view.module.css";

// Per tab: a reload re-attaches to the same shell; a new tab gets a shell of its own.
const SESSION_KEY = "kubeclass.terminal.sessionId";

type Status = { kind: "connecting" | "connected" | "reconnecting" | "ended" | "failed"; message?: string };

const statusText: Record<Status["kind"], string> = {
  connecting: "Connecting…",
  connected: "",
  reconnecting: "Disconnected. Reconnecting…",
  ended: "This terminal has ended.",
  failed: "The terminal could not be started.",
};

/** The browser terminal: xterm.js attached over socket.io to the signed-in user's shell on the server. */
export function TerminalView() {
  const host = useRef<HTMLDivElement>(null);
  const restart = useRef<() => void>(() => undefined);
  const [status, setStatus] = useState<Status>({ kind: "connecting" });

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const term = new Terminal({
      cursorBlink: true,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
      fontSize: 14,
      scrollback: 5000,
      theme: { background: "#0b121a", foreground: "#e6edf3" },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(element);
    fit.fit();

    const socket: Socket = io("/terminal", { transports: ["websocket", "polling"] });
    // Keys typed while no session is attached would reach nothing; they are dropped, not queued for later.
    let attached = false;
    const open = (fresh = false) => {
      const sessionId = fresh ? null : sessionStorage.getItem(SESSION_KEY);
      socket.emit("open", { ...(sessionId ? { sessionId } : {}), columns: term.cols, rows: term.rows });
    };
    restart.current = () => {
      sessionStorage.removeItem(SESSION_KEY);
      setStatus({ kind: "connecting" });
      if (socket.connected) open(true);
      else socket.connect();
    };

    socket.on("connect", () => open());
    socket.on("opened", ({ sessionId, replay }: { sessionId: string; replay: string }) => {
      sessionStorage.setItem(SESSION_KEY, sessionId);
      attached = true;
      term.reset();
      term.write(replay);
      setStatus({ kind: "connected" });
      term.focus();
    });
    socket.on("output", (data: string) => term.write(data));
    socket.on("closed", ({ reason }: { reason: string }) => {
      attached = false;
      sessionStorage.removeItem(SESSION_KEY);
      setStatus({ kind: "ended", message: reason });
    });
    socket.on("failed", ({ message }: { message: string }) => setStatus({ kind: "failed", message }));
    socket.on("disconnect", () => {
      attached = false;
      setStatus({ kind: "reconnecting" });
    });
    socket.on("connect_error", (error: Error) => {
      attached = false;
      // A refused session is not retried by socket.io; anything else (server restarting) is.
      if (!socket.active) setStatus({ kind: "failed", message: error.message === "unauthorized" ? "Your session has ended: sign in again." : error.message });
      else setStatus({ kind: "reconnecting" });
    });

    const typed = term.onData((data) => {
      if (!attached) return;
      for (const piece of chunkInput(data)) socket.emit("input", piece);
    });
    const resized = term.onResize(({ cols, rows }) => {
      if (attached) socket.emit("resize", { columns: cols, rows });
    });
    // Ctrl-Shift-C / Ctrl-Shift-V as in desktop terminals; plain Ctrl-C stays the interrupt key.
    term.attachCustomKeyEventHandler((event) => {
      if (!event.ctrlKey || !event.shiftKey || (event.code !== "KeyC" && event.code !== "KeyV")) return true;
      // Paste: xterm leaves the key alone and the browser's own paste lands in xterm as pasted text (no
      // clipboard permission needed). Copy: the selection, instead of the browser's element inspector.
      if (event.code === "KeyC" && event.type === "keydown") {
        event.preventDefault();
        const selection = term.getSelection();
        if (selection) void navigator.clipboard?.writeText(selection).catch(() => undefined);
      }
      return false;
    });
    const observer = new ResizeObserver(() => {
      // The element can be hidden or zero-sized for a moment; fitting then would throw or shrink to nothing.
      if (element.clientWidth > 0 && element.clientHeight > 0) fit.fit();
    });
    observer.observe(element);

    return () => {
      observer.disconnect();
      typed.dispose();
      resized.dispose();
      socket.close();
      term.dispose();
    };
  }, []);

  const text = status.message ?? statusText[status.kind];
  return (
    <div className={styles.frame}>
      <div ref={host} className={styles.screen} data-testid="terminal" />
      <p className={styles.status} role="status" data-testid="terminal-status" data-state={status.kind} hidden={status.kind === "connected"}>
        {text}
        {status.kind === "ended" || status.kind === "failed" ? (
          <button type="button" className="button-quiet" onClick={() => restart.current()}>
            Start a new terminal
          </button>
        ) : null}
      </p>
    </div>
  );
}
