/** The authorize URL `twauth login --oauth2` prints (the emulator's consent page). */
export const oauth2AuthorizeUrlPattern = /(http:\/\/\S+\/i\/oauth2\/authorize\?\S+)/;

function decodeHtml(text: string): string {
  return text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

/**
 * What a person does on the emulator's consent page, over plain HTTP: read the form and press
 * "Authorize app" (or "Cancel"). Resolves with the address X redirects the browser to.
 */
export async function answerConsentPage(authorizeUrl: string, decision: "approve" | "deny"): Promise<URL> {
  const url = new URL(authorizeUrl);
  const page = await (await fetch(url)).text();
  const form = new URLSearchParams();
  for (const match of page.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    form.set(decodeHtml(match[1] ?? ""), decodeHtml(match[2] ?? ""));
  }
  if (!form.has("state")) throw new Error(`no consent form on the page:\n${page}`);
  form.set("decision", decision);
  const answer = await fetch(new URL("/i/oauth2/authorize", url.origin), {
    method: "POST",
    body: form,
    redirect: "manual",
  });
  const location = answer.headers.get("location");
  if (location === null) throw new Error(`the consent form did not redirect (${answer.status})`);
  return new URL(location);
}
