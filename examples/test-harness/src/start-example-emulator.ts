import { readFile } from "node:fs/promises";
import type { Emulator, UserSeed } from "@twauth/emulator";
import { startEmulator } from "@twauth/emulator";

/**
 * The users the examples' samples hold tokens for: the emulator's default user and a second one with
 * fixed tokens. One JSON file, so a person can start the same emulator by hand:
 * `twauth-emulator --seed-file emulator-seed.json`.
 */
export const exampleEmulatorSeed = new URL("../emulator-seed.json", import.meta.url);

/** The emulator on 127.0.0.1, port 0, seeded from `exampleEmulatorSeed` (the default app stays). */
export async function startExampleEmulator(): Promise<Emulator> {
  const seed = JSON.parse(await readFile(exampleEmulatorSeed, "utf8")) as { users: UserSeed[] };
  return startEmulator({ users: seed.users });
}
