import type { TokenType } from "@twauth/core";
import type { CliOption, OptionValues } from "../cli/command.js";
import { stringOption } from "../cli/option-values.js";
import { UsageError } from "../cli/usage-error.js";

const tokenTypes: readonly TokenType[] = ["user", "app", "oauth2-user"];

/** `--auth`, for the commands that make a connection. */
export const authOption: CliOption = {
  type: "string",
  valueName: "type",
  description:
    "the token to use: user (OAuth 1.0a), app (app-only bearer) or oauth2-user; default: the config's auth, else inferred from the keys",
};

export function authFromOptions(values: OptionValues, command: string): TokenType | undefined {
  const auth = stringOption(values, "auth");
  if (auth === undefined) return undefined;
  if (!(tokenTypes as readonly string[]).includes(auth)) {
    throw new UsageError(`--auth must be one of ${tokenTypes.join(", ")}, got "${auth}".`, command);
  }
  return auth as TokenType;
}

export const tokenTypeText: Readonly<Record<TokenType, string>> = {
  user: "user (OAuth 1.0a user context)",
  app: "app (app-only bearer token)",
  "oauth2-user": "oauth2-user (OAuth 2.0 user access token)",
};
