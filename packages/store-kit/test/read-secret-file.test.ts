import { spawnSync } from "node:child_process";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readSecretFile, readSecretFileIfPresent } from "../src/read-secret-file.js";

const kitEntry = fileURLToPath(new URL("../dist/index.js", import.meta.url));
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "twauth-kit-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("readSecretFile", () => {
  it("rejects a missing file with STORE_NOT_FOUND naming it and where it looked", async () => {
    const file = join(dir, ".env");
    await expect(readSecretFile(file)).rejects.toMatchObject({
      code: "STORE_NOT_FOUND",
      file,
      message: `${file} not found (looked at ${file}); create it or pass the path of your credentials file.`,
    });
    expect(await readSecretFileIfPresent(file)).toBeUndefined();
  });

  it("rejects a directory where the file should be", async () => {
    const file = join(dir, "creds.ini");
    await mkdir(file);
    await expect(readSecretFile(file)).rejects.toMatchObject({
      code: "STORE_UNREADABLE",
      message: `${file} is a directory, not a file; pass the path of the credentials file.`,
    });
  });

  it("rejects a file larger than the bound without reading it whole", async () => {
    const file = join(dir, "huge.yaml");
    await writeFile(file, "a".repeat(2048));
    await expect(readSecretFile(file, { maxBytes: 1024 })).rejects.toMatchObject({
      code: "STORE_UNREADABLE",
      message: `${file} is larger than 1 KiB (2048 bytes or more); a credentials file holds a few lines: check the path.`,
    });
  });

  it("strips a UTF-8 byte order mark and turns CRLF into LF, remembering both", async () => {
    const file = join(dir, ".env");
    await writeFile(file, "\uFEFFA=1\r\nB=2\r\n");
    expect(await readSecretFile(file)).toEqual({ text: "A=1\nB=2\n", bom: true, eol: "\r\n" });
  });

  it("rejects UTF-16 and text that is not UTF-8", async () => {
    const utf16 = join(dir, "utf16.env");
    await writeFile(utf16, Buffer.from("\uFEFFA=1", "utf16le"));
    await expect(readSecretFile(utf16)).rejects.toMatchObject({
      code: "STORE_UNREADABLE",
      message: `${utf16} is saved as UTF-16; save it as UTF-8.`,
    });
    const latin1 = join(dir, "latin1.env");
    await writeFile(latin1, Buffer.from([0x41, 0x3d, 0xe9, 0x0a]));
    await expect(readSecretFile(latin1)).rejects.toMatchObject({
      code: "STORE_UNREADABLE",
      message: `${latin1} is not UTF-8 text; check the path, or save the file as UTF-8.`,
    });
  });

  // Root reads any file whatever its mode, so as root the read runs in a child process that
  // drops to the unprivileged user "nobody" (uid 65534); as anyone else, mode 000 is enough.
  it("rejects a file it may not read with STORE_UNREADABLE and the fix", async () => {
    const file = join(dir, ".env");
    await writeFile(file, "CONSUMER_KEY=secret-never-shown\n", { mode: 0o600 });
    const isRoot = process.getuid?.() === 0;
    if (!isRoot) await chmod(file, 0o000);
    await chmod(dir, 0o755);
    // The kit loads first (a checkout under a private folder is not nobody's to read), then drops.
    const script = `
      const { readSecretFile } = await import(${JSON.stringify(kitEntry)});
      ${isRoot ? "process.setgroups([]); process.setgid(65534); process.setuid(65534);" : ""}
      try { await readSecretFile(${JSON.stringify(file)}); console.log("{}"); }
      catch (error) { console.log(JSON.stringify(error)); }`;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(child.stderr).toBe("");
    const error = JSON.parse(child.stdout);
    expect(error).toMatchObject({
      code: "STORE_UNREADABLE",
      message: `${file} cannot be read: permission denied; run the program as the user who owns the file, or make that user its owner (chown) and keep its mode 600.`,
      cause: { code: "EACCES" },
    });
    expect(child.stdout).not.toContain("secret-never-shown");
  });
});
