/**
 * A character that cannot be part of a credential, found in a value: where (1-based, counting
 * characters as a person would, not UTF-16 units) and what it is, in words safe to print.
 *
 * @example
 * { position: 12, description: "a zero-width space (U+200B)" }
 */
export interface NonTextCharacter {
  readonly position: number;
  readonly description: string;
}

// The characters people paste by accident: invisible ones from web pages and chat apps, bidi
// controls (which also hide what a line says), and quotes an editor made "smart". X's keys and
// tokens are ASCII letters, digits and a few marks, so none of these can be meant.
const named: Readonly<Record<number, string>> = {
  0: "a NUL character",
  127: "a DEL character",
  173: "a soft hyphen",
  1564: "an Arabic letter mark (a bidi control)",
  6158: "a Mongolian vowel separator",
  8203: "a zero-width space",
  8204: "a zero-width non-joiner",
  8205: "a zero-width joiner",
  8206: "a left-to-right mark (a bidi control)",
  8207: "a right-to-left mark (a bidi control)",
  8216: "a typographic quote ‘",
  8217: "a typographic quote ’",
  8218: "a typographic quote ‚",
  8220: "a typographic quote “",
  8221: "a typographic quote ”",
  8222: "a typographic quote „",
  8288: "a word joiner",
  65279: "a byte order mark (zero-width no-break space)",
};

function describe(codePoint: number): string | undefined {
  const name = named[codePoint];
  if (name !== undefined) return name;
  // Tab, line feed and the other whitespace controls are reported as whitespace by the caller.
  if (codePoint < 0x20 && !(codePoint >= 0x09 && codePoint <= 0x0d)) return "a control character";
  if (codePoint >= 0x80 && codePoint <= 0x9f) return "a control character";
  if (codePoint >= 0x202a && codePoint <= 0x202e) return "a bidi control";
  if (codePoint >= 0x2066 && codePoint <= 0x2069) return "a bidi control";
  return undefined;
}

/**
 * The first character of `value` that is not text a credential can hold (NUL and other control
 * characters, DEL, zero-width and bidi characters, typographic quotes), or `undefined`.
 *
 * @example
 * findNonTextCharacter("abc\u200Bdef"); // { position: 4, description: "a zero-width space (U+200B)" }
 */
export function findNonTextCharacter(value: string): NonTextCharacter | undefined {
  let position = 0;
  for (const character of value) {
    position += 1;
    const codePoint = character.codePointAt(0) ?? 0;
    const description = describe(codePoint);
    if (description !== undefined) {
      const hex = codePoint.toString(16).toUpperCase().padStart(4, "0");
      return { position, description: `${description} (U+${hex})` };
    }
  }
  return undefined;
}
