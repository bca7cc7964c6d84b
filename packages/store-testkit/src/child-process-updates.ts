import { spawn } from "node:child_process";

/**
 * Which store the child processes make, and what each of them does with it.
 *
 * @example
 * const options: ChildProcessUpdatesOptions = {
 *   module: fileURLToPath(new URL("../dist/index.js", import.meta.url)),
 *   factory: "iniStore",
 *   storeOptions: { path: temp.file("credentials.ini") },
 *   key: "oauth2_access_token",
 * };
 */
export interface ChildProcessUpdatesOptions {
  /** The built module (a file path) a child imports the store factory from. */
  readonly module: string;
  /** The factory's export name, called with `storeOptions`. */
  readonly factory: string;
  /** Plain JSON the factory receives. */
  readonly storeOptions: unknown;
  /** The key of the profile's record holding the counter, as the store names it. */
  readonly key: string;
  /** The profile updated. @default "default" */
  readonly profile?: string;
  /** @default 4 */
  readonly processes?: number;
  /** Updates each process makes. @default 25 */
  readonly updatesEach?: number;
  /** A child still running after this long is killed (and its exit code is `null`). @default 60_000 */
  readonly killAfterMs?: number;
}

/**
 * Starts real child processes that each increment a counter key with `update` many times, reading
 * it from the record `change` receives; with a store that updates as one step across processes,
 * the counter ends at processes × updatesEach. `change` yields to the event loop before answering,
 * so a store that let two processes read the same value would lose increments. Resolves to the
 * children's exit codes (0 each when all went well).
 *
 * @example
 * expect(await runUpdatesInChildProcesses(options)).toEqual([0, 0, 0, 0]);
 * expect((await iniStore({ path }).load()).oauth2_access_token).toBe("100");
 */
export function runUpdatesInChildProcesses(options: ChildProcessUpdatesOptions): Promise<(number | null)[]> {
  const script = `
    const { ${options.factory}: factory } = await import(${JSON.stringify(options.module)});
    const store = factory(${JSON.stringify(options.storeOptions)});
    const key = ${JSON.stringify(options.key)};
    const profile = ${JSON.stringify(options.profile ?? "default")};
    // Start together: tell the parent this process is ready, then wait for its go.
    process.stdout.write("ready\\n");
    await new Promise((go) => process.stdin.once("data", go));
    process.stdin.destroy();
    for (let index = 0; index < ${options.updatesEach ?? 25}; index += 1) {
      await store.update(async (current) => {
        const value = Number(current[key]);
        if (!Number.isInteger(value)) throw new Error("the counter is not a number");
        await new Promise((done) => setImmediate(done));
        return { [key]: String(value + 1) };
      }, { profile });
    }`;
  const children = Array.from({ length: options.processes ?? 4 }, () => startScript(script, options));
  // Every child has imported its store and waits: now they all begin at once, so they overlap.
  void Promise.all(children.map((child) => child.ready)).then(() => {
    for (const child of children) child.go();
  });
  return Promise.all(children.map((child) => child.exit));
}

interface StartedChild {
  readonly ready: Promise<void>;
  readonly exit: Promise<number | null>;
  go(): void;
}

function startScript(script: string, options: ChildProcessUpdatesOptions): StartedChild {
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), options.killAfterMs ?? 60_000);
  const ready = new Promise<void>((resolve) => {
    child.stdout.once("data", () => resolve());
    child.once("close", () => resolve());
  });
  const exit = new Promise<number | null>((resolve) =>
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve(code);
    }),
  );
  child.stdin.on("error", () => {});
  return { ready, exit, go: () => child.stdin.end("go\n") };
}
