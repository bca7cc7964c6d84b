/**
 * Whether a process with this pid exists on this host. Signal 0 checks without signalling; EPERM
 * means it exists but belongs to another user.
 *
 * @example
 * if (!isProcessAlive(holder.pid)) await unlink(lockFile);
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
