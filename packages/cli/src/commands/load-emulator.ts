import { TwauthError } from "@twauth/core";

/** The part of @twauth/emulator the CLI uses, declared here so twauth's types never need the package. */
export interface RunningEmulator {
  readonly url: string;
  apps(): readonly { name: string; accessLevel: string; consumerKey: string; consumerSecret: string }[];
  users(): readonly {
    username: string;
    id: string;
    accessToken?: string;
    accessTokenSecret?: string;
    oauth2AccessToken?: string;
  }[];
  stop(): Promise<void>;
}

export interface EmulatorModule {
  startEmulator(options: { port?: number; host?: string }): Promise<RunningEmulator>;
  /** The emulator's keys as the lines both `twauth-emulator` and `twauth emulator` print. */
  emulatorKeyLines(emulator: RunningEmulator): string[];
}

const emulatorPackage = "@twauth/emulator";

/**
 * The emulator is an optional peer dependency, loaded only by `twauth emulator`: no other command,
 * and no runtime package, ever imports it.
 */
export async function loadEmulator(
  importModule: (name: string) => Promise<unknown> = (name) => import(name),
): Promise<EmulatorModule> {
  try {
    return (await importModule(emulatorPackage)) as EmulatorModule;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const missing =
      (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") &&
      error instanceof Error &&
      error.message.includes(emulatorPackage);
    if (!missing) throw error;
    throw new TwauthError(
      "DEPENDENCY_MISSING",
      `twauth emulator needs ${emulatorPackage}, which is not installed; install it next to twauth: npm install --save-dev ${emulatorPackage}`,
      { keys: [emulatorPackage] },
    );
  }
}
