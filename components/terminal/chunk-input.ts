/** The largest piece sent in one `input` event; the server refuses events over 64 Ki characters. */
export const INPUT_CHUNK_CHARS = 16 * 1024;

/** Splits a long paste into pieces the server accepts, never between the two halves of a surrogate pair. */
export function chunkInput(data: string, size = INPUT_CHUNK_CHARS): string[] {
  const pieces: string[] = [];
  let at = 0;
  while (at < data.length) {
    let end = Math.min(at + size, data.length);
    const last = data.charCodeAt(end - 1);
    if (end < data.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    pieces.push(data.slice(at, end));
    at = end;
  }
  return pieces;
}
