import { decodeFormUrlEncoded, type OAuth1Parameter } from "./form-urlencoded.js";
import { invalidArgument } from "./invalid-argument.js";

/**
 * An `application/x-www-form-urlencoded` request body, which OAuth 1.0a signs: a URLSearchParams,
 * a record of string or string-array values, or the encoded text. JSON and multipart bodies are
 * never signed, so they are not a form.
 *
 * @example
 * const form: OAuth1Form = { status: "Hello", media_ids: ["1", "2"] };
 */
export type OAuth1Form = URLSearchParams | string | Readonly<Record<string, string | readonly string[]>>;

/** The decoded pairs of a form, in order, appended to `into`. Throws OPTIONS_INVALID for a bad form. */
export function formParameters(
  form: OAuth1Form,
  where: string,
  into: OAuth1Parameter[] = [],
): OAuth1Parameter[] {
  if (typeof form === "string") return decodeFormUrlEncoded(form, into);
  if (form instanceof URLSearchParams) {
    for (const pair of form) into.push(pair);
    return into;
  }
  if (typeof form !== "object" || form === null || Array.isArray(form)) {
    throw invalidArgument(
      where,
      "form",
      "must be a URLSearchParams, a record of string values or an encoded string",
    );
  }
  for (const name in form) {
    if (!Object.hasOwn(form, name)) continue;
    const value = form[name];
    if (typeof value === "string") {
      into.push([name, value]);
    } else if (Array.isArray(value)) {
      for (const item of value as readonly unknown[]) {
        if (typeof item !== "string") throw invalidFormValue(where, name);
        into.push([name, item]);
      }
    } else {
      throw invalidFormValue(where, name);
    }
  }
  return into;
}

function invalidFormValue(where: string, name: string) {
  return invalidArgument(where, `form[${JSON.stringify(name)}]`, "must be a string or an array of strings");
}
