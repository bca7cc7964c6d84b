import { STATUS_CODES } from "node:http";
import {
  type EmulatorResponse,
  jsonResponse,
  plainTextResponse,
  problemResponse,
  v1ErrorResponse,
} from "./emulator-response.js";

/**
 * The error bodies X answers, in one place. "v1" is the v1.1 / oauth shape with numeric codes;
 * "v2" is problem JSON. Where a body is inferred rather than documented, it says so.
 */
export type ErrorStyle = "v1" | "v2";

/** v1.1 routes identify the failure with a code; v2 routes answer a bare "Unauthorized" problem. */
export const v1AuthErrors = {
  couldNotAuthenticate: { status: 401, code: 32, message: "Could not authenticate you." },
  invalidOrExpiredToken: { status: 401, code: 89, message: "Invalid or expired token." },
  timestampOutOfBounds: { status: 401, code: 135, message: "Timestamp out of bounds." },
  badAuthenticationData: { status: 400, code: 215, message: "Bad Authentication data." },
  credentialsNotAllowed: {
    status: 403,
    code: 220,
    message: "Your credentials do not allow access to this resource.",
  },
  unableToVerifyCredentials: { status: 403, code: 99, message: "Unable to verify your credentials" },
  missingGrantType: { status: 403, code: 170, message: "Missing required parameter: grant_type" },
  notPermittedToInvalidate: {
    status: 403,
    code: 348,
    message: "Client application is not permitted to to invalidate this token.",
  },
  desktopOnlyOob: {
    status: 401,
    code: 417,
    message: "Desktop applications only support the oauth_callback value 'oob'",
  },
  callbackNotApproved: {
    status: 403,
    code: 415,
    message:
      "Callback URL not approved for this client application. Approved callback URLs can be adjusted in your application settings",
  },
  callbackMissing: { status: 400, code: 214, message: "oauth_callback is required" },
} as const;

export type V1AuthError = keyof typeof v1AuthErrors;

/** `www-authenticate` as X sends it with v1.1 401s. */
const wwwAuthenticate = { "www-authenticate": 'OAuth realm="https://api.x.com"' };

export function v1AuthError(name: V1AuthError): EmulatorResponse {
  const error = v1AuthErrors[name];
  return v1ErrorResponse(
    error.status,
    error.code,
    error.message,
    error.status === 401 ? wwwAuthenticate : {},
  );
}

export function unauthorizedProblem(): EmulatorResponse {
  return problemResponse(401, {
    title: "Unauthorized",
    type: "about:blank",
    status: 401,
    detail: "Unauthorized",
  });
}

/** Two spaces after "endpoint.", as in the bodies captured from X in Tweepy's and others' issues. */
export function unsupportedAuthenticationProblem(): EmulatorResponse {
  return problemResponse(403, {
    title: "Unsupported Authentication",
    detail:
      "Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].",
    type: "https://api.twitter.com/2/problems/unsupported-authentication",
    status: 403,
  });
}

export function oauth1PermissionsProblem(): EmulatorResponse {
  return problemResponse(403, {
    title: "Forbidden",
    status: 403,
    detail:
      "Your client app is not configured with the appropriate oauth1 app permissions for this endpoint.",
    type: "https://api.twitter.com/2/problems/oauth1-permissions",
  });
}

export function duplicateContentProblem(): EmulatorResponse {
  return problemResponse(403, {
    detail: "You are not allowed to create a Tweet with duplicate content.",
    type: "about:blank",
    title: "Forbidden",
    status: 403,
  });
}

export function invalidRequestProblem(
  message: string,
  parameters?: Record<string, string[]>,
): EmulatorResponse {
  return problemResponse(400, {
    errors: [parameters ? { parameters, message } : { message }],
    title: "Invalid Request",
    detail: "One or more parameters to your request was invalid.",
    type: "https://api.twitter.com/2/problems/invalid-request",
  });
}

/** X's wrong-PIN answer on /oauth/access_token is plain text, not JSON. */
export function invalidVerifierResponse(): EmulatorResponse {
  return plainTextResponse(401, "Error processing your OAuth request: Invalid oauth_verifier parameter");
}

export function tooManyRequests(style: ErrorStyle, headers: Record<string, string> = {}): EmulatorResponse {
  return style === "v1"
    ? v1ErrorResponse(429, 88, "Rate limit exceeded", headers)
    : problemResponse(
        429,
        { title: "Too Many Requests", detail: "Too Many Requests", type: "about:blank", status: 429 },
        headers,
      );
}

export function notFound(style: ErrorStyle): EmulatorResponse {
  return style === "v1"
    ? v1ErrorResponse(404, 34, "Sorry, that page does not exist")
    : problemResponse(404, {
        title: "Not Found Error",
        detail: "Sorry, that page does not exist",
        type: "about:blank",
        status: 404,
      });
}

/**
 * The body of an injected status: the rate-limit bodies for 429, X's "Over capacity" (130) and
 * "Internal error" (131) for v1.1 5xx, and a problem named after the status otherwise.
 */
export function statusErrorBody(
  style: ErrorStyle,
  status: number,
  headers: Record<string, string> = {},
): EmulatorResponse {
  if (status === 429) return tooManyRequests(style, headers);
  const title = STATUS_CODES[status] ?? "Error";
  if (style === "v2") {
    return problemResponse(status, { title, detail: title, type: "about:blank", status }, headers);
  }
  if (status === 503) return v1ErrorResponse(503, 130, "Over capacity", headers);
  if (status >= 500) return v1ErrorResponse(status, 131, "Internal error", headers);
  return jsonResponse(status, { errors: [{ message: title }] }, headers);
}

/**
 * X's 2026 pay-per-use failures, in X's words (docs.x.com and the public issue trackers; see
 * X-API-FACTS.md). Each is a problem document, served as application/problem+json.
 */
export const xProblemBodies = {
  /** 402: the developer account has no prepaid credits left. */
  creditsDepleted: (accountId: string) => ({
    title: "CreditsDepleted",
    detail: `Your enrolled account [${accountId}] does not have any credits to fulfill this request.`,
    type: "https://api.twitter.com/2/problems/credits",
  }),
  /** 429 whose 15-minute rate-limit headers can still show requests remaining. */
  usageCapped: () => ({
    title: "UsageCapExceeded",
    detail: "Usage cap exceeded: Monthly product cap",
    type: "https://api.twitter.com/2/problems/usage-capped",
    period: "Monthly",
    scope: "Product",
  }),
  /** 403: the app is not attached to a project with API access. */
  clientNotEnrolled: (clientId: string) => ({
    client_id: clientId,
    detail:
      "When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project. You can create a project via the developer portal.",
    registration_url: "https://developer.twitter.com/en/docs/projects/overview",
    title: "Client Forbidden",
    required_enrollment: "Appropriate Level of API Access",
    reason: "client-not-enrolled",
    type: "https://api.twitter.com/2/problems/client-forbidden",
  }),
  /**
   * 403 to an OAuth 2.0 user token without a scope the endpoint needs: X names no scope, its whole
   * body is the bare problem (twitter-api-v2 issues #265 and #376).
   */
  scopeMissing: () => ({ title: "Forbidden", type: "about:blank", status: 403, detail: "Forbidden" }),
} as const;
