import type { Emulator } from "@twauth/emulator";
import { defaultUser, startEmulator } from "@twauth/emulator";
import { exampleSecondUser } from "./example-credentials.js";

/** The emulator on 127.0.0.1, port 0, with the default app, the default user and exampleSecondUser. */
export function startExampleEmulator(): Promise<Emulator> {
  return startEmulator({ users: [defaultUser, exampleSecondUser] });
}
