import { defaultApp, defaultUser, secondUser } from "@twauth/emulator";

/**
 * The emulator's second user with fixed tokens (the emulator would generate random ones), so a
 * sample credentials file can hold them. Fake, shaped like X's, like the emulator's own defaults;
 * emulator-seed.json holds the same values.
 */
export const exampleSecondUser = {
  ...secondUser,
  accessToken: "1460000000000000002-EmuLat0rAccessT0ken000000000000000000002",
  accessTokenSecret: "EmuLat0rAccessT0kenSecret00000000000000000002",
} as const;

/** Every credential value the samples hold, by name: none may appear in a program's output. */
export const exampleSecrets: Readonly<Record<string, string>> = {
  "defaultApp.consumerKey": defaultApp.consumerKey,
  "defaultApp.consumerSecret": defaultApp.consumerSecret,
  "defaultUser.accessToken": defaultUser.accessToken,
  "defaultUser.accessTokenSecret": defaultUser.accessTokenSecret,
  "exampleSecondUser.accessToken": exampleSecondUser.accessToken,
  "exampleSecondUser.accessTokenSecret": exampleSecondUser.accessTokenSecret,
};

/** The names of the credential values found in `text` (empty when none leaked). */
export function leakedSecrets(text: string): string[] {
  return Object.entries(exampleSecrets)
    .filter(([, value]) => text.includes(value))
    .map(([name]) => name);
}
