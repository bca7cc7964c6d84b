/** The emulator's authorize page shows the PIN here, as X's does. */
const pinPattern = /id="oauth_pin"[\s\S]*?<code>(\d{7})<\/code>/;

/** The authorize URL `twauth login` prints. */
export const authorizeUrlPattern = /(http:\/\/\S+\/oauth\/authorize\?\S+)/;

/** What a person does in the browser: open the authorize URL and read the PIN off X's page. */
export async function pinFromAuthorizePage(authorizeUrl: string): Promise<string> {
  const page = await (await fetch(authorizeUrl)).text();
  const pin = pinPattern.exec(page)?.[1];
  if (pin === undefined) throw new Error(`no PIN on the authorize page:\n${page}`);
  return pin;
}
