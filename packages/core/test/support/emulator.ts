import {
  defaultApp,
  defaultUser,
  type Emulator,
  type EmulatorOptions,
  startEmulator,
} from "@twauth/emulator";
import { afterEach } from "vitest";
import type { ApiConnection } from "../../src/connection/api-connection.js";
import { connectForTest, type TestConnectionOptions } from "./connect.js";

/** The emulator's built-in user, as OAuth 1.0a user-context credentials. */
export const emulatorUser = {
  consumerKey: defaultApp.consumerKey,
  consumerSecret: defaultApp.consumerSecret,
  accessToken: defaultUser.accessToken,
  accessTokenSecret: defaultUser.accessTokenSecret,
};

export const emulatorApp = { consumerKey: defaultApp.consumerKey, consumerSecret: defaultApp.consumerSecret };

/**
 * A fresh emulator per test (`start`), and `connect()` for connections to it with test-friendly
 * defaults (no retry delay, no notices). Everything is stopped and closed after each test.
 */
export function useEmulator() {
  const emulators: Emulator[] = [];
  const connections: ApiConnection[] = [];
  let current: Emulator | undefined;
  afterEach(async () => {
    for (const api of connections.splice(0)) api.close();
    await Promise.all(emulators.splice(0).map((emulator) => emulator.stop()));
  });
  return {
    async start(options: EmulatorOptions = {}): Promise<Emulator> {
      current = await startEmulator(options);
      emulators.push(current);
      return current;
    },
    async connect(options: TestConnectionOptions = {}): Promise<ApiConnection> {
      if (current === undefined) throw new Error("start the emulator first");
      const api = await connectForTest(emulatorUser, current.url, options);
      connections.push(api);
      return api;
    },
  };
}
