/**
 * A plain form POST: the browser saves the answer as a file, with or without JavaScript. Each click makes a new
 * token (listed, and revocable, under Account → API tokens).
 */
export function DownloadKubeconfigButton({ classroomId }: { classroomId: string }) {
  return (
    <form method="post" action="/api/kubeconfig">
      <input type="hidden" name="classroomId" value={classroomId} />
      <button type="submit">Download kubeconfig</button>
    </form>
  );
}
