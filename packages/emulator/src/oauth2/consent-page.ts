import { type EmulatorResponse, htmlResponse } from "../http/emulator-response.js";
import { escapeHtml, page } from "../routes/authorize-page.js";
import type { OAuth2Failure } from "./oauth2-model.js";

/**
 * X's consent screen, reduced to what a client meets: who is signed in, the scopes asked for, and two
 * buttons that post the authorize request back with the decision. The form carries the query as
 * hidden fields, so a test without a browser can post it too.
 */
export function consentPage(input: {
  readonly appName: string;
  readonly username: string;
  readonly scopes: readonly string[];
  readonly query: URLSearchParams;
}): EmulatorResponse {
  const hidden = [...input.query]
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("\n  ");
  const scopes = input.scopes.map((scope) => `<li>${escapeHtml(scope)}</li>`).join("");
  return htmlResponse(
    200,
    page(
      "Authorize app / X",
      `<h1>${escapeHtml(input.appName)} wants to access your X account</h1>
<p id="signed-in-as">Signed in as @${escapeHtml(input.username)}</p>
<ul id="scopes">${scopes}</ul>
<form id="consent" method="post" action="/i/oauth2/authorize">
  ${hidden}
  <button type="submit" name="decision" value="approve" id="approve">Authorize app</button>
  <button type="submit" name="decision" value="deny" id="deny">Cancel</button>
</form>`,
    ),
  );
}

/** Shown instead of a redirect when the client or its redirect URI is not the app's. */
export function authorizeErrorPage(failure: OAuth2Failure): EmulatorResponse {
  return htmlResponse(
    failure.status,
    page(
      "Error / X",
      `<div id="oauth2_error"><h2>Something went wrong</h2><p>${escapeHtml(failure.description)}</p></div>`,
    ),
  );
}
