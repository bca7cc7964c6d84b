import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import type { Emulator } from "@twauth/emulator";
import { defaultApp, defaultOAuth2Client } from "@twauth/emulator";
import type { TempProject } from "./project.js";
import { dotenvConfig, tempProject } from "./project.js";

export const oauth2Client = {
  clientId: defaultOAuth2Client.clientId,
  clientSecret: defaultOAuth2Client.clientSecret,
};

/** A project whose dotenv store holds the app's keys and its OAuth 2.0 client, with `auth: oauth2-user`. */
export function oauth2Project(emulator: Emulator, extraEnv = ""): TempProject {
  return tempProject({
    "twauth.config.yaml": dotenvConfig(emulator.url, "auth: oauth2-user\n"),
    ".env": `CONSUMER_KEY=${defaultApp.consumerKey}\nCONSUMER_SECRET=${defaultApp.consumerSecret}\nCLIENT_ID=${oauth2Client.clientId}\nCLIENT_SECRET=${oauth2Client.clientSecret}\n${extraEnv}`,
  });
}

/** The .env's keys and values. */
export function readDotenv(project: TempProject): Record<string, string> {
  const entries = readFileSync(project.path(".env"), "utf8")
    .split("\n")
    .filter((line) => line.includes("="))
    .map((line) => {
      const equals = line.indexOf("=");
      return [line.slice(0, equals), line.slice(equals + 1).replace(/^'(.*)'$/, "$1")] as const;
    });
  return Object.fromEntries(entries);
}

/** What the emulator answers GET /2/users/me with this OAuth 2.0 access token. */
export async function usersMeWith(emulator: Emulator, accessToken: string | undefined): Promise<Response> {
  return fetch(`${emulator.url}/2/users/me`, { headers: { authorization: `Bearer ${accessToken ?? ""}` } });
}

/** A port nothing listens on right now, for a loopback redirect URI of the test's own client. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
