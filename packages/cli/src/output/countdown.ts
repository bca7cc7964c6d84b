import type { OutputStream } from "../cli/cli-io.js";
import { formatDuration } from "./rate-limit-text.js";

/**
 * A line on a terminal that counts down to `deadline` (rewritten once a second), for long waits the
 * user sits through. Off a terminal it prints nothing: a log gets no `\r` noise.
 */
export function startCountdown(
  stream: OutputStream,
  label: string,
  deadline: number,
  now: () => number = Date.now,
): () => void {
  if (stream.isTTY !== true) return () => {};
  const draw = () => stream.write(`\r${label} (${formatDuration(deadline - now())} left)\x1b[K`);
  draw();
  const timer = setInterval(draw, 1000);
  timer.unref();
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    stream.write("\r\x1b[K");
  };
}
