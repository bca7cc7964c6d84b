import { spawnSync } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withFileLock } from "../src/file-lock.js";
import { updateSecretFile } from "../src/update-secret-file.js";
import { writeFileAtomic } from "../src/write-file-atomic.js";

const kitEntry = fileURLToPath(new URL("../dist/index.js", import.meta.url));
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "twauth-kit-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("writeFileAtomic", () => {
  it("creates a missing file with mode 0600 and leaves no temp file", async () => {
    const file = join(dir, ".env");
    await writeFileAtomic(file, "A=1\n");
    expect(await readFile(file, "utf8")).toBe("A=1\n");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual([".env"]);
  });

  it("replaces a group- and world-readable file with a 0600 one", async () => {
    const file = join(dir, ".env");
    await writeFile(file, "old\n", { mode: 0o644 });
    await writeFileAtomic(file, "new\n");
    expect(await readFile(file, "utf8")).toBe("new\n");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  // A real failure midway: the child may not write files past 512 bytes (ulimit -f 1), so writing
  // the temp file fails with EFBIG after its first block, as a full disk would.
  it("leaves the original intact and removes the temp file when the write fails midway", async () => {
    const file = join(dir, "creds.ini");
    const original = "[default]\nconsumer_key = original\n";
    await writeFile(file, original, { mode: 0o600 });
    const script = `
      const { writeFileAtomic } = await import(${JSON.stringify(kitEntry)});
      try { await writeFileAtomic(${JSON.stringify(file)}, "x".repeat(64 * 1024)); console.log("{}"); }
      catch (error) { console.log(JSON.stringify(error)); }`;
    const child = spawnSync(
      "sh",
      ["-c", 'ulimit -f 1 && exec "$0" --input-type=module -e "$1"', process.execPath, script],
      {
        encoding: "utf8",
      },
    );
    expect(JSON.parse(child.stdout)).toMatchObject({
      code: "STORE_WRITE_FAILED",
      message: `${file} cannot be written (EFBIG).`,
      cause: { code: "EFBIG" },
    });
    expect(await readFile(file, "utf8")).toBe(original);
    expect(await readdir(dir)).toEqual(["creds.ini"]);
  });

  it("reports a directory in the way as STORE_WRITE_FAILED", async () => {
    await expect(writeFileAtomic(dir, "x")).rejects.toMatchObject({ code: "STORE_WRITE_FAILED" });
  });
});

describe("withFileLock", () => {
  it("runs tasks on one file one after another, in call order, even when one fails", async () => {
    const file = join(dir, "a");
    const events: string[] = [];
    let releaseFirst: () => void = () => {};
    let firstStarted: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      firstStarted = resolve;
    });
    const first = withFileLock(file, async () => {
      events.push("first start");
      firstStarted();
      await new Promise<void>((resolve) => {
        releaseFirst = resolve;
      });
      events.push("first end");
      throw new Error("first failed");
    });
    const second = withFileLock(join(dir, ".", "a"), async () => {
      events.push("second");
      return 2;
    });
    await started;
    expect(events).toEqual(["first start"]);
    releaseFirst();
    await expect(first).rejects.toThrow("first failed");
    expect(await second).toBe(2);
    expect(events).toEqual(["first start", "first end", "second"]);
  });

  it("does not make tasks on different files wait for each other", async () => {
    let release: () => void = () => {};
    const blocked = withFileLock(join(dir, "a"), () => new Promise<void>((resolve) => (release = resolve)));
    expect(await withFileLock(join(dir, "b"), async () => "b")).toBe("b");
    release();
    await blocked;
  });
});

describe("updateSecretFile", () => {
  it("writes nothing when the edit returns undefined: same inode, same bytes, no temp or lock file", async () => {
    const file = join(dir, ".env");
    await writeFile(file, "A=1\r\n", { mode: 0o640 });
    const before = await stat(file);
    let seen: string | undefined;
    await updateSecretFile(file, (current) => {
      seen = current?.text;
      return undefined;
    });
    expect(seen).toBe("A=1\n");
    const after = await stat(file);
    expect(after.ino).toBe(before.ino);
    expect(after.mode & 0o777).toBe(0o640);
    expect(await readFile(file, "utf8")).toBe("A=1\r\n");
    expect(await readdir(dir)).toEqual([".env"]);
  });

  it("a second update waits for a slow edit to finish and sees its write", async () => {
    const file = join(dir, ".env");
    await writeFile(file, "N=0\n", { mode: 0o600 });
    let releaseFirst: () => void = () => {};
    const firstStarted = new Promise<void>((started) => {
      void updateSecretFile(file, async (current) => {
        started();
        await new Promise<void>((release) => {
          releaseFirst = release;
        });
        return current?.text.replace("N=0", "N=1");
      });
    });
    await firstStarted;
    const second = updateSecretFile(file, (current) =>
      current?.text.replace(/N=(\d)/, (_, n) => `N=${Number(n) + 1}`),
    );
    releaseFirst();
    await second;
    expect(await readFile(file, "utf8")).toBe("N=2\n");
  });

  it("lands every one of many concurrent read-modify-write cycles", async () => {
    const file = join(dir, ".env");
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        updateSecretFile(file, (current) => `${current?.text ?? ""}KEY_${index}=${index}\n`),
      ),
    );
    const lines = (await readFile(file, "utf8")).trim().split("\n");
    expect(lines.sort()).toEqual(Array.from({ length: 20 }, (_, index) => `KEY_${index}=${index}`).sort());
  });

  it("writes back the file's CRLF line ends and byte order mark", async () => {
    const file = join(dir, ".env");
    await writeFile(file, "\uFEFFA=1\r\n");
    await updateSecretFile(file, (current) => {
      expect(current?.text).toBe("A=1\n");
      return `${current?.text}B=2\n`;
    });
    expect(await readFile(file, "utf8")).toBe("\uFEFFA=1\r\nB=2\r\n");
  });
});
