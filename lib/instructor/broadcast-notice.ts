/** The longest broadcast an instructor may send: a line or two on a learner's terminal. */
export const MAX_BROADCAST_CHARS = 500;

/**
 * Text typed by a person as one line of terminal output: line breaks and tabs become spaces, and every other
 * control character goes (an ESC would otherwise let a message move the cursor, recolour or clear a learner's screen).
 */
export function oneLine(text: string): string {
  return (
    text
      .replace(/[\r\n\t\v\f\u2028\u2029]+/g, " ")
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, "")
      .replace(/ {2,}/g, " ")
      .trim()
  );
}

/**
 * How a broadcast appears in a learner's terminal: one yellow line, marked as the instructor's so nobody mistakes it
 * for the output of their own command.
 */
export function broadcastNotice(from: string, message: string): string {
  const name = oneLine(from).slice(0, 80) || "your instructor";
  return `\x1b[1;33m📣 Instructor (${name}):\x1b[0;33m ${oneLine(message)}\x1b[0m`;
}
