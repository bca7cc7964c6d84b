import type { EmulatorRequest } from "../http/emulator-request.js";
import { type EmulatorResponse, jsonResponse, redirectResponse } from "../http/emulator-response.js";
import { decodeFormPairs } from "../oauth1/parameter-sources.js";
import { authorizeErrorPage, consentPage } from "../oauth2/consent-page.js";
import type {
  OAuth2AuthorizeRequest,
  OAuth2ClientCredentials,
  OAuth2Result,
} from "../oauth2/oauth2-grants.js";
import type { OAuth2Client, OAuth2Failure } from "../oauth2/oauth2-model.js";
import type { Route, RouteContext } from "./route.js";

/** The fields of a form body; a malformed body reads as empty, which every handler then refuses. */
function formFields(request: EmulatorRequest): Map<string, string> {
  if (request.contentType !== "application/x-www-form-urlencoded") return new Map();
  try {
    return new Map(decodeFormPairs(request.body));
  } catch {
    return new Map();
  }
}

function authorizeRequest(fields: { get(name: string): string | null | undefined }): OAuth2AuthorizeRequest {
  const field = (name: string) => fields.get(name) ?? undefined;
  return {
    responseType: field("response_type"),
    clientId: field("client_id"),
    redirectUri: field("redirect_uri"),
    scope: field("scope"),
    state: field("state"),
    codeChallenge: field("code_challenge"),
    codeChallengeMethod: field("code_challenge_method"),
  };
}

function oauth2Error(failure: OAuth2Failure): EmulatorResponse {
  return jsonResponse(failure.status, { error: failure.error, error_description: failure.description });
}

function signedInUser(world: RouteContext["world"]) {
  const named = world.authorize.signedInUser;
  const user = (named ? world.registry.findUser(named) : undefined) ?? world.registry.users()[0];
  if (!user) throw new Error("the consent page needs at least one user to sign in as");
  return user;
}

function redirectWith(redirectUri: string, values: Record<string, string>): EmulatorResponse {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(values)) url.searchParams.set(name, value);
  return redirectResponse(url.toString());
}

/** `GET /i/oauth2/authorize`: the consent page, or an error page when X may not redirect. */
export const oauth2AuthorizePageRoute: Route = {
  method: "GET",
  template: "/i/oauth2/authorize",
  auth: "none",
  style: "v2",
  handle({ request, world }) {
    const target = world.oauth2.checkRedirect(authorizeRequest(request.query));
    if (!target.ok) return authorizeErrorPage(target.failure);
    const user = signedInUser(world);
    return consentPage({
      appName: `OAuth 2.0 client ${target.value.client.clientId.slice(0, 6)}…`,
      username: user.username,
      scopes: (request.query.get("scope") ?? "").split(" ").filter(Boolean),
      query: request.query,
    });
  },
};

/** The consent form's answer: a redirect with `code` and `state`, or with `error=access_denied`. */
export const oauth2AuthorizeDecisionRoute: Route = {
  method: "POST",
  template: "/i/oauth2/authorize",
  auth: "none",
  style: "v2",
  handle({ request, world }) {
    const fields = formFields(request);
    const authorize = authorizeRequest(fields);
    const target = world.oauth2.checkRedirect(authorize);
    if (!target.ok) return authorizeErrorPage(target.failure);
    const state = authorize.state ?? "";
    if (fields.get("decision") !== "approve")
      return redirectWith(target.value.redirectUri, { error: "access_denied", state });
    const code = world.oauth2.approve(authorize, signedInUser(world).id);
    if (!code.ok) return redirectWith(target.value.redirectUri, { error: code.failure.error, state });
    return redirectWith(target.value.redirectUri, { code: code.value, state });
  },
};

function clientCredentials(request: EmulatorRequest, fields: Map<string, string>): OAuth2ClientCredentials {
  return {
    basic: basicCredentials(request.headers.authorization),
    bodyClientId: fields.get("client_id"),
    bodyClientSecret: fields.get("client_secret"),
  };
}

function basicCredentials(authorization: string | undefined): OAuth2ClientCredentials["basic"] {
  const encoded = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? "")?.[1];
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon === -1) return undefined;
  try {
    // RFC 6749 §2.3.1: each half is form-encoded before the pair is base64-encoded.
    const decode = (text: string) => decodeURIComponent(text.replace(/\+/g, " "));
    return { clientId: decode(decoded.slice(0, colon)), clientSecret: decode(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

function withClient(
  context: RouteContext,
  answer: (client: OAuth2Client, fields: Map<string, string>) => OAuth2Result<unknown>,
): EmulatorResponse {
  const fields = formFields(context.request);
  const client = context.world.oauth2.authenticateClient(clientCredentials(context.request, fields));
  if (!client.ok) return oauth2Error(client.failure);
  const result = answer(client.value, fields);
  return result.ok ? jsonResponse(200, result.value) : oauth2Error(result.failure);
}

/** `POST /2/oauth2/token`: the authorization_code and refresh_token grants. */
export const oauth2TokenRoute: Route = {
  method: "POST",
  template: "/2/oauth2/token",
  auth: "none",
  style: "v2",
  handle(context) {
    const { oauth2 } = context.world;
    return withClient(context, (client, fields) => {
      switch (fields.get("grant_type")) {
        case "authorization_code":
          return oauth2.redeemCode(client, {
            code: fields.get("code"),
            redirectUri: fields.get("redirect_uri"),
            codeVerifier: fields.get("code_verifier"),
          });
        case "refresh_token":
          return oauth2.redeemRefreshToken(client, fields.get("refresh_token"));
        default:
          return {
            ok: false,
            failure: {
              status: 400,
              error: "invalid_request",
              description: "Missing or unsupported grant_type.",
            },
          };
      }
    });
  },
};

/** `POST /2/oauth2/revoke`: always `{"revoked":true}` for an authenticated client (RFC 7009 §2.2). */
export const oauth2RevokeRoute: Route = {
  method: "POST",
  template: "/2/oauth2/revoke",
  auth: "none",
  style: "v2",
  handle(context) {
    return withClient(context, (client, fields) => {
      context.world.oauth2.revoke(client, fields.get("token"));
      return { ok: true, value: { revoked: true } };
    });
  },
};
