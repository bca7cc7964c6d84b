import { defaultApp } from "../../src/defaults.js";
import type { Emulator } from "../../src/start-emulator.js";

/** The default app's bearer token, from the emulator's own POST /oauth2/token. */
export async function appBearer(emu: Emulator): Promise<string> {
  const basic = Buffer.from(`${defaultApp.consumerKey}:${defaultApp.consumerSecret}`).toString("base64");
  const response = await fetch(`${emu.url}/oauth2/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${basic}`,
      "content-type": "application/x-www-form-urlencoded;charset=UTF-8",
    },
    body: "grant_type=client_credentials",
  });
  if (response.status !== 200) throw new Error(`bearer exchange answered ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}
