import type { Stats } from "node:fs";
import { constants } from "node:fs";
import { open, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { TwauthError } from "@twauth/core";

/**
 * The size bound of a secret file when none is given: 1 MiB. A credentials file is a few hundred
 * bytes; anything past this is the wrong file or an attack.
 *
 * @example
 * await readSecretFile(path, { maxBytes: DEFAULT_MAX_FILE_BYTES / 16 }); // 64 KiB
 */
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

/**
 * How much of a secret file may be read.
 *
 * @example
 * const options: ReadSecretFileOptions = { maxBytes: 64 * 1024 };
 */
export interface ReadSecretFileOptions {
  /** The largest file accepted, in bytes. @default DEFAULT_MAX_FILE_BYTES (1 MiB) */
  maxBytes?: number;
}

/**
 * A secret file's text, normalized for parsing, with what is needed to write it back alike.
 *
 * @example
 * { text: "CONSUMER_KEY=…\n", bom: false, eol: "\r\n" }
 */
export interface SecretFileText {
  /** The text with a UTF-8 byte order mark removed and every CRLF turned into LF. */
  readonly text: string;
  /** The file started with a UTF-8 byte order mark (written back when the file is saved). */
  readonly bom: boolean;
  /** The line end the file uses: CRLF if any line ends with it. */
  readonly eol: "\n" | "\r\n";
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Reads a secret file with a size bound, as UTF-8 text. Errors name the file and say what to do:
 * `STORE_NOT_FOUND` when it does not exist, `STORE_UNREADABLE` for a directory, missing permission,
 * a file that is too large or not UTF-8 text (UTF-16 is named as such).
 *
 * @example
 * const { text } = await readSecretFile("credentials.ini");
 */
export async function readSecretFile(
  file: string,
  options: ReadSecretFileOptions = {},
): Promise<SecretFileText> {
  const result = await readSecretFileIfPresent(file, options);
  if (result === undefined) throw secretFileNotFoundError(file);
  return result;
}

/**
 * The `STORE_NOT_FOUND` error `readSecretFile` throws for a missing file, for a store that read
 * the file another way (inside its lock, with `readSecretFileIfPresent`) and must say the same.
 *
 * @example
 * if (current === undefined) throw secretFileNotFoundError("credentials.ini");
 */
export function secretFileNotFoundError(file: string): TwauthError {
  return new TwauthError(
    "STORE_NOT_FOUND",
    `${file} not found (looked at ${resolve(file)}); create it or pass the path of your credentials file.`,
    { source: file, file },
  );
}

/**
 * Like `readSecretFile`, but resolves to `undefined` when the file does not exist; every other
 * problem still throws.
 *
 * @example
 * const current = await readSecretFileIfPresent(".env.local");
 * if (current === undefined) console.log("no .env.local yet");
 */
export async function readSecretFileIfPresent(
  file: string,
  options: ReadSecretFileOptions = {},
): Promise<SecretFileText | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await readBounded(file, options.maxBytes ?? DEFAULT_MAX_FILE_BYTES);
  } catch (error) {
    if (error instanceof TwauthError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    throw fileSystemError(file, error, "read");
  }
  return decodeSecretFile(file, bytes);
}

async function readBounded(file: string, maxBytes: number): Promise<Uint8Array> {
  // A FIFO with no writer would block the open (and the process) forever, a device could stream
  // without end: only a regular file is read. Checked before opening, opened non-blocking, and
  // checked again on the handle, so a file swapped in between is caught too.
  requireRegularFile(file, await stat(file));
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    // One handle for the size check and the read, so the file cannot grow in between.
    const info = await handle.stat();
    requireRegularFile(file, info);
    if (info.size > maxBytes) throw tooLarge(file, info.size, maxBytes);
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw tooLarge(file, length, maxBytes);
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

function requireRegularFile(file: string, info: Stats): void {
  if (info.isFile()) return;
  const kind = info.isDirectory()
    ? "a directory"
    : info.isFIFO()
      ? "a named pipe (FIFO)"
      : info.isSocket()
        ? "a socket"
        : info.isCharacterDevice() || info.isBlockDevice()
          ? "a device"
          : "not a regular file";
  throw new TwauthError(
    "STORE_UNREADABLE",
    info.isDirectory()
      ? `${file} is a directory, not a file; pass the path of the credentials file.`
      : `${file} is ${kind}, not a regular file; a credentials file is a plain file: pass its path.`,
    { source: file, file },
  );
}

function decodeSecretFile(file: string, bytes: Uint8Array): SecretFileText {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new TwauthError("STORE_UNREADABLE", `${file} is saved as UTF-16; save it as UTF-8.`, {
      source: file,
      file,
    });
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let text: string;
  try {
    text = utf8.decode(bom ? bytes.subarray(3) : bytes);
  } catch {
    throw new TwauthError(
      "STORE_UNREADABLE",
      `${file} is not UTF-8 text; check the path, or save the file as UTF-8.`,
      { source: file, file },
    );
  }
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  return { text: text.replace(/\r\n?/g, "\n"), bom, eol };
}

function tooLarge(file: string, size: number, maxBytes: number): TwauthError {
  return new TwauthError(
    "STORE_UNREADABLE",
    `${file} is larger than ${formatBytes(maxBytes)} (${size} bytes or more); a credentials file holds a few lines: check the path.`,
    { source: file, file },
  );
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/**
 * A TwauthError for a failed file system call. Node's own errors carry only the path and the
 * errno, never file contents, so they are safe to keep as `cause`. `read` gives `STORE_UNREADABLE`,
 * `write` gives `STORE_WRITE_FAILED`; the message says what to do for a directory or missing permission.
 *
 * @example
 * try {
 *   await rename(temp, file);
 * } catch (error) {
 *   throw fileSystemError(file, error, "write");
 * }
 */
export function fileSystemError(file: string, error: unknown, action: "read" | "write"): TwauthError {
  const code = (error as NodeJS.ErrnoException).code;
  const errorCode = action === "read" ? "STORE_UNREADABLE" : "STORE_WRITE_FAILED";
  const context = { source: file, file, cause: error };
  if (code === "EISDIR") {
    return new TwauthError(
      errorCode,
      `${file} is a directory, not a file; pass the path of the credentials file.`,
      context,
    );
  }
  if (code === "EACCES" || code === "EPERM") {
    const fix =
      action === "read"
        ? "run the program as the user who owns the file, or make that user its owner (chown) and keep its mode 600"
        : "check the permissions of the file and of its directory";
    const verb = action === "read" ? "read" : "written";
    return new TwauthError(errorCode, `${file} cannot be ${verb}: permission denied; ${fix}.`, context);
  }
  const reason = code === undefined ? "unexpected error" : code;
  return new TwauthError(
    errorCode,
    `${file} cannot be ${action === "read" ? "read" : "written"} (${reason}).`,
    context,
  );
}
