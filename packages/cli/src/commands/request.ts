import type { ApiRequest, HttpMethod } from "@twauth/core";
import { endpointTemplate } from "@twauth/core";
import type { Command } from "../cli/command.js";
import { keyValuePairs, listOption, stringOption } from "../cli/option-values.js";
import { UsageError } from "../cli/usage-error.js";
import { describeRateLimit, rateLimitJson } from "../output/rate-limit-text.js";
import { redactingBearerTokenCache } from "../setup/capturing-bearer-token-cache.js";
import { loadSetup } from "../setup/load-setup.js";
import { openConnection } from "../setup/open-connection.js";
import { authFromOptions, authOption } from "./auth-option.js";

const methods: readonly HttpMethod[] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

export const requestCommand: Command = {
  name: "request",
  summary: "send one signed request and print the status, rate limit and JSON body",
  synopsis: "<METHOD> <path> [--query k=v]... [--json-body <json> | --form k=v...] [options]",
  description: `Sends one request through the same connection your program would get: signed (OAuth 1.0a) or with
the bearer token, retried and rate-limit-waited as the config says. Prints the status, the
endpoint's rate-limit figures and the JSON body. An error status exits 3 (auth) or 4 (API) with
X's own words.

The path is under the API origin (https://api.x.com, or --base-url) and may carry a query string.
--json-body sends a JSON body (X's v2 endpoints); --form sends a form body, which OAuth 1.0a signs
(v1.1 endpoints).`,
  options: {
    query: { type: "string", multiple: true, valueName: "k=v", description: "a query parameter" },
    "json-body": { type: "string", valueName: "json", description: "a JSON request body" },
    form: { type: "string", multiple: true, valueName: "k=v", description: "a form body parameter" },
    auth: authOption,
  },
  positionals: { min: 2, max: 2 },
  examples: [
    "twauth request GET /2/users/me",
    'twauth request GET /2/tweets/search/recent --query "query=from:XDevelopers" --query max_results=10',
    `twauth request POST /2/tweets --json-body '{"text":"hello from twauth"}'`,
  ],
  async run(context) {
    const request = requestFromArguments(context.positionals, context.values);
    const auth = authFromOptions(context.values, "request");
    const setup = await loadSetup(context);
    const api = await openConnection(context, setup, {
      auth,
      bearerTokenCache: redactingBearerTokenCache(context.redactor),
    });
    try {
      const response = await api.request(request);
      const endpoint = endpointTemplate(request.method, request.path);
      const now = Date.now();
      const body = bodyText(response.data);
      const lines = [
        `${response.status} ${endpoint}`,
        response.rateLimit === undefined
          ? "rate limit: the response carried no figures"
          : `rate limit: ${describeRateLimit(endpoint, response.rateLimit, now)}`,
        ...(body === "" ? [] : ["", body]),
      ];
      return {
        text: lines.join("\n"),
        data: {
          ok: true,
          status: response.status,
          method: request.method,
          path: request.path,
          rateLimit: response.rateLimit === undefined ? null : rateLimitJson(response.rateLimit),
          body: response.data ?? null,
        },
      };
    } finally {
      api.close();
    }
  },
};

type ValidRequest = ApiRequest & { method: HttpMethod };

function requestFromArguments(
  positionals: readonly string[],
  values: Parameters<Command["run"]>[0]["values"],
): ValidRequest {
  const method = positionals[0]!.toUpperCase();
  const path = positionals[1]!;
  if (!(methods as readonly string[]).includes(method)) {
    throw new UsageError(
      `the method must be one of ${methods.join(", ")}, got "${positionals[0]}".`,
      "request",
    );
  }
  if (!path.startsWith("/")) {
    throw new UsageError(`the path must start with / (e.g. /2/users/me), got "${path}".`, "request");
  }
  const query = keyValuePairs(listOption(values, "query"), "query", "request");
  const form = keyValuePairs(listOption(values, "form"), "form", "request");
  const jsonText = stringOption(values, "json-body");
  if (jsonText !== undefined && Object.keys(form).length > 0) {
    throw new UsageError("give --json-body or --form, not both: a request has one body.", "request");
  }
  let json: unknown;
  if (jsonText !== undefined) {
    try {
      json = JSON.parse(jsonText);
    } catch (error) {
      throw new UsageError(`--json-body is not valid JSON (${(error as Error).message}).`, "request");
    }
  }
  return {
    method: method as HttpMethod,
    path,
    ...(Object.keys(query).length === 0 ? {} : { query }),
    ...(jsonText === undefined ? {} : { json }),
    ...(Object.keys(form).length === 0 ? {} : { form }),
  };
}

function bodyText(data: unknown): string {
  if (data === undefined) return "";
  return typeof data === "string" ? data : JSON.stringify(data, null, 2);
}
