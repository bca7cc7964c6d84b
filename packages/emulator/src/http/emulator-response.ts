/** A response before it is written: handlers return these, so a fault can replace one after the fact. */
export interface EmulatorResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function jsonResponse(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): EmulatorResponse {
  return textBody(status, JSON.stringify(value), "application/json; charset=utf-8", headers);
}

/** X's v2 errors are RFC 7807 problem documents, served as application/problem+json. */
export function problemResponse(
  status: number,
  problem: Record<string, unknown>,
  headers: Record<string, string> = {},
): EmulatorResponse {
  return textBody(status, JSON.stringify(problem), "application/problem+json", headers);
}

/** X's v1.1 error shape: {"errors":[{"code":N,"message":"..."}]}. */
export function v1ErrorResponse(
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): EmulatorResponse {
  return jsonResponse(status, { errors: [{ code, message }] }, headers);
}

/**
 * The /oauth/* endpoints answer form-encoded pairs, labelled text/html as X labels them: clients
 * must parse the body as a form whatever the content type says.
 */
export function formResponse(status: number, values: Record<string, string>): EmulatorResponse {
  return textBody(status, new URLSearchParams(values).toString(), "text/html; charset=utf-8");
}

export function htmlResponse(status: number, html: string): EmulatorResponse {
  return textBody(status, html, "text/html; charset=utf-8");
}

export function plainTextResponse(status: number, text: string): EmulatorResponse {
  return textBody(status, text, "text/plain; charset=utf-8");
}

export function redirectResponse(location: string): EmulatorResponse {
  return { status: 302, headers: { location }, body: "" };
}

function textBody(
  status: number,
  body: string,
  contentType: string,
  headers: Record<string, string> = {},
): EmulatorResponse {
  return { status, headers: { "content-type": contentType, ...headers }, body };
}
