import type { EmulatorApp, EmulatorUser } from "../state/model.js";

/** What the key list reads from a running emulator. */
export interface EmulatorKeySource {
  apps(): readonly EmulatorApp[];
  users(): readonly EmulatorUser[];
}

/**
 * The emulator's keys as one list, the lines `twauth-emulator` and `twauth emulator` both print:
 * each app and user with its keys under the names twauth writes to a `.env` (so the lines can be
 * pasted into one). The keys are printed on purpose: they are fake and work nowhere but here.
 *
 * @example
 * emulatorKeyLines(emulator)[1]; // "  CONSUMER_KEY=EmuLat0rC0nsumerKey000001"
 */
export function emulatorKeyLines(emulator: EmulatorKeySource): string[] {
  const lines: string[] = [];
  for (const app of emulator.apps()) {
    lines.push(`app "${app.name}" (${app.accessLevel})`);
    lines.push(`  CONSUMER_KEY=${app.consumerKey}`, `  CONSUMER_SECRET=${app.consumerSecret}`);
  }
  for (const user of emulator.users()) {
    lines.push(`user @${user.username} (id ${user.id})`);
    if (user.accessToken) lines.push(`  ACCESS_TOKEN=${user.accessToken}`);
    if (user.accessTokenSecret) lines.push(`  ACCESS_TOKEN_SECRET=${user.accessTokenSecret}`);
    if (user.oauth2AccessToken) lines.push(`  OAUTH2_ACCESS_TOKEN=${user.oauth2AccessToken}`);
    if (!user.accessToken && !user.oauth2AccessToken) {
      lines.push(`  (no tokens yet: sign in through the PIN flow as @${user.username})`);
    }
  }
  return lines;
}
