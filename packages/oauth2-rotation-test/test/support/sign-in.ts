import { createOAuth2Authorization, exchangeOAuth2Code, type OAuth2Tokens } from "@twauth/core";
import { defaultOAuth2Client, type Emulator } from "@twauth/emulator";

export const client = {
  clientId: defaultOAuth2Client.clientId,
  clientSecret: defaultOAuth2Client.clientSecret,
};
const redirectUri = defaultOAuth2Client.redirectUris[2];

/** The whole sign-in over plain HTTP: the consent page's form posted with "Authorize app". */
export async function signIn(emulator: Emulator): Promise<OAuth2Tokens> {
  const auth = createOAuth2Authorization({
    ...client,
    redirectUri,
    authorizeUrl: `${emulator.url}/i/oauth2/authorize`,
  });
  const page = await (await fetch(auth.url)).text();
  const form = new URLSearchParams();
  for (const match of page.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g))
    form.set(
      match[1] ?? "",
      (match[2] ?? "").replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code))),
    );
  form.set("decision", "approve");
  const answer = await fetch(`${emulator.url}/i/oauth2/authorize`, {
    method: "POST",
    body: form,
    redirect: "manual",
  });
  const callback = new URL(answer.headers.get("location") ?? "");
  return exchangeOAuth2Code({
    ...client,
    redirectUri,
    code: callback.searchParams.get("code") ?? "",
    codeVerifier: auth.codeVerifier,
    baseUrl: emulator.url,
  });
}

/** The store's keys for a signed-in user, as `twauth login --oauth2` writes them. */
export function tokenRecord(tokens: OAuth2Tokens): Record<string, string> {
  return {
    CLIENT_ID: client.clientId,
    CLIENT_SECRET: client.clientSecret,
    OAUTH2_ACCESS_TOKEN: tokens.accessToken,
    OAUTH2_REFRESH_TOKEN: tokens.refreshToken ?? "",
    OAUTH2_EXPIRES_AT: new Date(tokens.expiresAt).toISOString(),
  };
}
