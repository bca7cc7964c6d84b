import { TwauthError } from "../errors/twauth-error.js";

const loopbackHosts = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** What a base URL must be, in the words every message about one uses. */
export const apiBaseUrlRule =
  'an https:// origin such as "https://api.x.com" (http:// only for localhost, 127.0.0.1 or [::1])';

/**
 * The one rule for where twauth sends credentials: an https origin, or plain http only to a loopback
 * host (the emulator). A signed request over plain http to any other host gives its token to anyone on
 * the path. Returns the origin without a trailing `/`, or `undefined` when `value` breaks the rule.
 *
 * @example apiBaseUrlOrigin("https://api.x.com/") // "https://api.x.com"
 * @example apiBaseUrlOrigin("http://api.example.invalid") // undefined
 */
export function apiBaseUrlOrigin(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") return undefined;
  const allowed = url.protocol === "https:" || (url.protocol === "http:" && loopbackHosts.test(url.hostname));
  return allowed ? value.replace(/\/+$/, "") : undefined;
}

/**
 * `apiBaseUrlOrigin`, throwing `OPTIONS_INVALID` naming `key` (as the caller's user wrote it:
 * `baseUrl`, `--base-url`, `TWAUTH_BASE_URL`) when the value breaks the rule. Never quotes the value.
 *
 * @example const baseUrl = checkApiBaseUrl(options.baseUrl ?? "https://api.x.com", "baseUrl");
 */
export function checkApiBaseUrl(value: unknown, key = "baseUrl"): string {
  const origin = apiBaseUrlOrigin(value);
  if (origin === undefined) {
    throw new TwauthError("OPTIONS_INVALID", `${key} must be ${apiBaseUrlRule}.`, { keys: [key] });
  }
  return origin;
}
