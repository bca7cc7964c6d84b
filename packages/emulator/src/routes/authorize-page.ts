import { type EmulatorResponse, htmlResponse } from "../http/emulator-response.js";

/** Escapes text for HTML, attribute values included. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** A whole page around `body`, as X's authorize pages are laid out. */
export function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
${body}
</body>
</html>
`;
}

/** Laid out as X's PIN page is: the PIN is the <code> inside the element with id "oauth_pin". */
export function pinPage(appName: string, pin: string): EmulatorResponse {
  const name = escapeHtml(appName);
  return htmlResponse(
    200,
    page(
      "Twitter / Authorize an application",
      `<h2>You've granted access to ${name}!</h2>
<div id="oauth_pin">
  <p>
    <span id="code-desc">Next, return to ${name} and enter this PIN to complete the authorization process:</span>
    <kbd aria-labelledby="code-desc"><code>${pin}</code></kbd>
  </p>
</div>`,
    ),
  );
}

export function deniedPage(appName: string): EmulatorResponse {
  return htmlResponse(
    200,
    page(
      "Twitter / Authorize an application",
      `<div id="oauth_denied"><p>You have not granted access to ${escapeHtml(appName)}.</p></div>`,
    ),
  );
}

/** X's page for a request token that is unknown, used up or expired. */
export function invalidRequestTokenPage(): EmulatorResponse {
  return htmlResponse(
    403,
    page(
      "Twitter / Error",
      `<div id="oauth_error"><h2>Whoa there!</h2>
<p>The request token for this page is invalid. It may have already been used, or expired because it is too old. Please go back to the site or application that sent you here and try again; it was probably just a mistake.</p></div>`,
    ),
  );
}
