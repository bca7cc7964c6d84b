import { createInterface } from "node:readline";

export interface LineReader {
  /** The next line, or `undefined` when the input ended (or the reader was closed). */
  next(): Promise<string | undefined>;
  /** Stops reading, so a piped or terminal stdin no longer keeps the process alive. */
  close(): void;
}

/**
 * Reads lines from a terminal or a pipe (`echo 1234567 | twauth login`, or a test writing the PIN),
 * keeping lines that arrive before anyone asks for them.
 */
export function createLineReader(input: NodeJS.ReadableStream): LineReader {
  const lines: string[] = [];
  const waiting: ((line: string | undefined) => void)[] = [];
  let ended = false;
  const readline = createInterface({ input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
  readline.on("line", (line) => {
    const resolve = waiting.shift();
    if (resolve === undefined) lines.push(line);
    else resolve(line);
  });
  readline.on("close", () => {
    ended = true;
    for (const resolve of waiting.splice(0)) resolve(undefined);
  });
  return {
    next() {
      const line = lines.shift();
      if (line !== undefined) return Promise.resolve(line);
      if (ended) return Promise.resolve(undefined);
      return new Promise((resolve) => waiting.push(resolve));
    },
    close() {
      readline.close();
      // readline pauses the stream on close; a paused stdin no longer holds the event loop.
      input.pause();
    },
  };
}
