/** "just now", "2 min ago", "3 h ago", "4 days ago": how long since `then`, for the roster's last activity. */
export function timeAgo(then: Date | string | null, now: Date): string {
  if (then === null) return "never";
  const ms = now.getTime() - new Date(then).getTime();
  if (ms < 45_000) return "just now";
  const min = Math.round(ms / 60_000);
  if (min < 60) return `${Math.max(1, min)} min ago`;
  const h = Math.round(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}
