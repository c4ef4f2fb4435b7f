"use client";

import "@xterm/xterm/css/xterm.css";
import { FitAddon } from "@xterm/addon-fit";
import { Terminal } from "@xterm/xterm";
import { useEffect, useRef } from "react";
import type { Socket } from "socket.io-client";
import styles from "./student-view.module.css";

/**
 * The learner's terminal as they see it, read-only: xterm takes no keyboard input here, and the `/watch` socket
 * has no event that could reach the learner's shell anyway.
 */
export function ShadowTerminal({ socket }: { socket: Socket | undefined }) {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = host.current;
    if (!element || !socket) return;
    const term = new Terminal({
      disableStdin: true,
      cursorBlink: false,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
      fontSize: 13,
      scrollback: 5000,
      theme: { background: "#0b121a", foreground: "#e6edf3" },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(element);
    fit.fit();
    const onShadow = ({ data, reset }: { data: string; reset?: boolean }) => {
      if (reset) term.reset();
      term.write(data);
    };
    socket.on("shadow", onShadow);
    const observer = new ResizeObserver(() => {
      if (element.clientWidth > 0 && element.clientHeight > 0) fit.fit();
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      socket.off("shadow", onShadow);
      term.dispose();
    };
  }, [socket]);

  return <div ref={host} className={styles.shadow} data-testid="shadow-terminal" />;
}
