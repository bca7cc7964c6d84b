/**
 * Scope sets for the common jobs, least privilege first. Every set holds `offline.access`, so the
 * sign-in yields a refresh token and a connection can keep itself signed in past the access token's
 * two hours; `users.read` is in each because X requires it beside `tweet.read` for most reads.
 *
 * @example
 * createOAuth2Authorization({ clientId, redirectUri, scopes: oauth2ScopePresets.post });
 */
export const oauth2ScopePresets = {
  /** Read posts and users, and `GET /2/users/me`. */
  read: ["tweet.read", "users.read", "offline.access"],
  /** Read, and post or delete the user's own posts. */
  post: ["tweet.read", "tweet.write", "users.read", "offline.access"],
  /** Read and send direct messages. */
  dm: ["dm.read", "dm.write", "tweet.read", "users.read", "offline.access"],
} as const satisfies Record<string, readonly string[]>;

/** The name of a scope preset: `read`, `post` or `dm`. */
export type OAuth2ScopePreset = keyof typeof oauth2ScopePresets;

/** The scope used when none is named: read-only, the least a connection needs to verify itself. */
export const defaultOAuth2Scopes: readonly string[] = oauth2ScopePresets.read;
