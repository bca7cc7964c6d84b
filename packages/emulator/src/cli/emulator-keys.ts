import { defaultOAuth2Client, defaultPublicOAuth2Client } from "../defaults.js";
import type { EmulatorApp, EmulatorUser } from "../state/model.js";

/** An OAuth 2.0 client as the key list shows it. */
export interface EmulatorOAuth2ClientKeys {
  readonly clientId: string;
  readonly clientSecret?: string | undefined;
  readonly type: "confidential" | "public";
}

/** What the key list reads from a running emulator. */
export interface EmulatorKeySource {
  apps(): readonly EmulatorApp[];
  users(): readonly EmulatorUser[];
  /** Its OAuth 2.0 clients. @default the built-in two, which both bins start with */
  oauth2Clients?(): readonly EmulatorOAuth2ClientKeys[];
}

const builtInOAuth2Clients: readonly EmulatorOAuth2ClientKeys[] = [
  defaultOAuth2Client,
  defaultPublicOAuth2Client,
];

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
  for (const client of emulator.oauth2Clients?.() ?? builtInOAuth2Clients) {
    lines.push(`OAuth 2.0 client (${client.type})`, `  CLIENT_ID=${client.clientId}`);
    if (client.clientSecret) lines.push(`  CLIENT_SECRET=${client.clientSecret}`);
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
