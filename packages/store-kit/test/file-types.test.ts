import { execFileSync, spawnSync } from "node:child_process";
import { link, lstat, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readSecretFile } from "../src/read-secret-file.js";
import { updateSecretFile } from "../src/update-secret-file.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "twauth-kit-types-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("readSecretFile refuses what is not a regular file", () => {
  // Regression: a FIFO with no writer blocked the open forever (even process.exit waited).
  it("a FIFO with no writer: STORE_UNREADABLE at once", async () => {
    const file = join(dir, ".env");
    execFileSync("mkfifo", [file]);
    await expect(readSecretFile(file)).rejects.toMatchObject({
      code: "STORE_UNREADABLE",
      message: `${file} is a named pipe (FIFO), not a regular file; a credentials file is a plain file: pass its path.`,
    });
  });

  it("a socket: STORE_UNREADABLE", async () => {
    const file = join(dir, "creds.sock");
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(file, resolve));
    try {
      await expect(readSecretFile(file)).rejects.toMatchObject({
        code: "STORE_UNREADABLE",
        message: `${file} is a socket, not a regular file; a credentials file is a plain file: pass its path.`,
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("a device such as /dev/zero, which never ends: STORE_UNREADABLE", async () => {
    await expect(readSecretFile("/dev/zero")).rejects.toMatchObject({
      code: "STORE_UNREADABLE",
      message:
        "/dev/zero is a device, not a regular file; a credentials file is a plain file: pass its path.",
    });
  });
});

describe("updateSecretFile and links", () => {
  // Regression: a save through a symlink replaced the link with a regular file, leaving the target stale.
  it("writes through a symlink to its target and keeps the link", async () => {
    const target = join(dir, "real.env");
    const linkPath = join(dir, ".env");
    await writeFile(target, "A=1\n", { mode: 0o600 });
    await symlink("real.env", linkPath);
    await updateSecretFile(linkPath, (current) => `${current?.text ?? ""}B=2\n`);
    expect((await lstat(linkPath)).isSymbolicLink()).toBe(true);
    expect(await readlink(linkPath)).toBe("real.env");
    expect(await readFile(target, "utf8")).toBe("A=1\nB=2\n");
  });

  it("creates the target of a dangling symlink instead of replacing the link", async () => {
    const linkPath = join(dir, ".env");
    await symlink("secrets/real.env", linkPath);
    await rm(join(dir, "secrets"), { recursive: true, force: true });
    execFileSync("mkdir", [join(dir, "secrets")]);
    await updateSecretFile(linkPath, () => "A=1\n");
    expect((await lstat(linkPath)).isSymbolicLink()).toBe(true);
    expect(await readFile(join(dir, "secrets", "real.env"), "utf8")).toBe("A=1\n");
  });

  it("refuses a file with several hard links, which an atomic rename would leave stale, and changes nothing", async () => {
    const file = join(dir, ".env");
    await writeFile(file, "A=1\n", { mode: 0o600 });
    await link(file, join(dir, "copy.env"));
    await expect(updateSecretFile(file, () => "A=2\n")).rejects.toMatchObject({
      code: "STORE_WRITE_FAILED",
      message: `${file} has 2 hard links; a save replaces the file atomically, which would leave the other links with the old secrets. Keep one link (use a symlink for the others) and save again.`,
    });
    expect(await readFile(join(dir, "copy.env"), "utf8")).toBe("A=1\n");
    expect(await readFile(file, "utf8")).toBe("A=1\n");
  });
});

describe("updateSecretFile and a crashed save's temp files", () => {
  function deadPid(): number {
    return Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout);
  }

  // Regression: a crash mid-save left `..env.<pid>.<hex>.tmp` holding secrets, forever.
  it("removes temp files of its own naming whose process is dead, and keeps a live one's and others'", async () => {
    const file = join(dir, ".env");
    await writeFile(file, "A=1\n", { mode: 0o600 });
    const dead = `..env.${deadPid()}.0123456789ab.tmp`;
    const live = `..env.1.0123456789ab.tmp`;
    const unrelated = "..env.backup";
    for (const name of [dead, live, unrelated]) await writeFile(join(dir, name), "SECRET=1\n");
    await updateSecretFile(file, (current) => `${current?.text ?? ""}B=2\n`);
    expect((await readdir(dir)).sort()).toEqual([".env", live, unrelated].sort());
  });
});
