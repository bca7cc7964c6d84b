/**
 * What X bills on pay-per-use, as data: the price of each billing kind and which kind each endpoint
 * is billed as. Prices change; this table is the documented default and `prices` overrides it.
 *
 * Sources, read 2026-12-01:
 * - X's pricing page, docs.x.com/x-api/getting-started/pricing ("Credit consumption details"): the
 *   read prices per resource and the Content, DM Interaction, User Interaction, Interaction Delete
 *   and Content Manage request prices (Content Create $0.015 since 2026-04-20; with a URL $0.20).
 * - X's API Playground, github.com/xdevplatform/playground internal/playground/credits.go: the
 *   endpoint -> kind mapping and its built-in prices for the kinds the pricing page does not list
 *   (Like, Mute, Block, News, ProfileUpdate, List Create/Manage, Bookmark, Media Metadata, Privacy
 *   Update, Mute Delete, Counts, Trends).
 *
 * Where we differ from the Playground: `liked_tweets` and `bookmarks` return Posts, so they are
 * billed as Post (the Playground says User); a resource is billed once per UTC day (X's docs), not
 * per rolling 24 hours (the Playground).
 */

/** Kinds billed per resource returned (reads). */
export const resourceKinds = [
  "Post",
  "User",
  "List",
  "Space",
  "Community",
  "DirectMessage",
  "Like",
  "News",
] as const;

/** Kinds billed per request (writes and a few counted reads). */
export const requestKinds = [
  "ContentCreate",
  "ContentCreateWithUrl",
  "DmInteractionCreate",
  "UserInteractionCreate",
  "InteractionDelete",
  "ContentManage",
  "ListCreate",
  "ListManage",
  "Bookmark",
  "MediaMetadata",
  "PrivacyUpdate",
  "MuteDelete",
  "CountsRecent",
  "CountsAll",
  "Trends",
] as const;

export type ResourceKind = (typeof resourceKinds)[number];
export type RequestKind = (typeof requestKinds)[number];
export type BillingKind = ResourceKind | RequestKind;

/** Default prices in US dollars: per resource for resource kinds, per request for request kinds. */
export const defaultPricesUsd: Readonly<Record<BillingKind, number>> = {
  Post: 0.005,
  User: 0.01,
  List: 0.005,
  Space: 0.005,
  Community: 0.005,
  DirectMessage: 0.01,
  Like: 0.001,
  News: 0.005,
  ContentCreate: 0.015,
  ContentCreateWithUrl: 0.2,
  DmInteractionCreate: 0.015,
  UserInteractionCreate: 0.015,
  InteractionDelete: 0.01,
  ContentManage: 0.005,
  ListCreate: 0.01,
  ListManage: 0.005,
  Bookmark: 0.005,
  MediaMetadata: 0.005,
  PrivacyUpdate: 0.01,
  MuteDelete: 0.005,
  CountsRecent: 0.005,
  CountsAll: 0.01,
  Trends: 0.01,
};

/** The `includes` entry holding resources of the same kind, which are billed too. */
export const includesKeyOf: Readonly<Partial<Record<ResourceKind, string>>> = {
  Post: "tweets",
  User: "users",
  List: "lists",
  Space: "spaces",
  Community: "communities",
  DirectMessage: "messages",
};

/**
 * Expansions that add resources of the endpoint's own kind to `includes`, and how many each
 * resource can bring at most (a Post can quote one Post and reply to another).
 */
export const sameKindExpansions: Readonly<Partial<Record<ResourceKind, Readonly<Record<string, number>>>>> = {
  Post: { "referenced_tweets.id": 2 },
};

/**
 * How many resources a read can return: `max_results` (its default when absent, its maximum X
 * accepts), or the count of a comma list (`ids`, `usernames`), or exactly one.
 */
export type ResultCount =
  | { readonly maxResults: { readonly default: number; readonly max: number } }
  | { readonly list: string; readonly max: number }
  | { readonly single: true };

export type EndpointBilling =
  | { readonly kind: ResourceKind; readonly results: ResultCount }
  | {
      readonly kind: RequestKind;
      /** The kind billed instead when the created Post holds a URL (Content Create with URL). */
      readonly withUrl?: RequestKind;
    };

const one: ResultCount = { single: true };
const page = (defaultCount: number, max: number): ResultCount => ({
  maxResults: { default: defaultCount, max },
});
const list = (parameter: string, max = 100): ResultCount => ({ list: parameter, max });

/**
 * Endpoint templates (`METHOD /path` with `:name` for any id segment) and how each is billed.
 * Unlisted endpoints are not billed (OAuth, `/2/usage/tweets`, v1.1).
 */
export const endpointBilling: Readonly<Record<string, EndpointBilling>> = {
  "GET /2/tweets": { kind: "Post", results: list("ids") },
  "GET /2/tweets/:id": { kind: "Post", results: one },
  "GET /2/tweets/search/recent": { kind: "Post", results: page(10, 100) },
  "GET /2/tweets/search/all": { kind: "Post", results: page(10, 500) },
  "GET /2/users/:id/tweets": { kind: "Post", results: page(10, 100) },
  "GET /2/users/:id/mentions": { kind: "Post", results: page(10, 100) },
  "GET /2/users/:id/timelines/reverse_chronological": { kind: "Post", results: page(100, 100) },
  "GET /2/users/:id/liked_tweets": { kind: "Post", results: page(100, 100) },
  "GET /2/users/:id/bookmarks": { kind: "Post", results: page(100, 100) },
  "GET /2/users/reposts_of_me": { kind: "Post", results: page(100, 100) },
  "GET /2/tweets/:id/retweets": { kind: "Post", results: page(100, 100) },
  "GET /2/tweets/:id/quote_tweets": { kind: "Post", results: page(10, 100) },
  "GET /2/spaces/:id/tweets": { kind: "Post", results: page(100, 100) },
  "GET /2/lists/:id/tweets": { kind: "Post", results: page(100, 100) },
  "GET /2/users": { kind: "User", results: list("ids") },
  "GET /2/users/:id": { kind: "User", results: one },
  "GET /2/users/me": { kind: "User", results: one },
  "GET /2/users/by": { kind: "User", results: list("usernames") },
  "GET /2/users/by/username/:username": { kind: "User", results: one },
  "GET /2/users/search": { kind: "User", results: page(100, 1000) },
  "GET /2/users/:id/followers": { kind: "User", results: page(100, 1000) },
  "GET /2/users/:id/following": { kind: "User", results: page(100, 1000) },
  "GET /2/users/:id/muting": { kind: "User", results: page(100, 1000) },
  "GET /2/users/:id/blocking": { kind: "User", results: page(100, 1000) },
  "GET /2/tweets/:id/retweeted_by": { kind: "User", results: page(100, 100) },
  "GET /2/tweets/:id/liking_users": { kind: "User", results: page(100, 100) },
  "GET /2/spaces/:id/buyers": { kind: "User", results: page(100, 100) },
  "GET /2/lists/:id/members": { kind: "User", results: page(100, 100) },
  "GET /2/lists/:id/followers": { kind: "User", results: page(100, 100) },
  "GET /2/lists/:id": { kind: "List", results: one },
  "GET /2/users/:id/owned_lists": { kind: "List", results: page(100, 100) },
  "GET /2/users/:id/list_memberships": { kind: "List", results: page(100, 100) },
  "GET /2/users/:id/followed_lists": { kind: "List", results: page(100, 100) },
  "GET /2/users/:id/pinned_lists": { kind: "List", results: page(100, 100) },
  "GET /2/spaces": { kind: "Space", results: list("ids") },
  "GET /2/spaces/:id": { kind: "Space", results: one },
  "GET /2/spaces/by/creator_ids": { kind: "Space", results: page(100, 100) },
  "GET /2/spaces/search": { kind: "Space", results: page(100, 100) },
  "GET /2/communities/:id": { kind: "Community", results: one },
  "GET /2/communities/search": { kind: "Community", results: page(10, 100) },
  "GET /2/dm_events": { kind: "DirectMessage", results: page(100, 100) },
  "GET /2/dm_events/:id": { kind: "DirectMessage", results: one },
  "GET /2/dm_conversations/:id/dm_events": { kind: "DirectMessage", results: page(100, 100) },
  "GET /2/dm_conversations/with/:id/dm_events": { kind: "DirectMessage", results: page(100, 100) },
  "POST /2/tweets": { kind: "ContentCreate", withUrl: "ContentCreateWithUrl" },
  "POST /2/media/upload": { kind: "ContentCreate" },
  "POST /2/media/upload/initialize": { kind: "ContentCreate" },
  "POST /2/media/upload/:id/append": { kind: "ContentCreate" },
  "POST /2/media/upload/:id/finalize": { kind: "ContentCreate" },
  "POST /2/dm_conversations": { kind: "DmInteractionCreate" },
  "POST /2/dm_conversations/with/:id/messages": { kind: "DmInteractionCreate" },
  "POST /2/dm_conversations/:id/messages": { kind: "DmInteractionCreate" },
  "POST /2/users/:id/retweets": { kind: "UserInteractionCreate" },
  "POST /2/users/:id/following": { kind: "UserInteractionCreate" },
  "POST /2/users/:id/likes": { kind: "UserInteractionCreate" },
  "DELETE /2/users/:id/likes/:id": { kind: "InteractionDelete" },
  "DELETE /2/users/:id/following/:id": { kind: "InteractionDelete" },
  "DELETE /2/dm_events/:id": { kind: "InteractionDelete" },
  "DELETE /2/tweets/:id": { kind: "ContentManage" },
  "PUT /2/tweets/:id/hidden": { kind: "ContentManage" },
  "DELETE /2/users/:id/retweets/:id": { kind: "ContentManage" },
  "POST /2/lists": { kind: "ListCreate" },
  "POST /2/users/:id/followed_lists": { kind: "ListCreate" },
  "POST /2/lists/:id/members": { kind: "ListCreate" },
  "POST /2/users/:id/pinned_lists": { kind: "ListCreate" },
  "DELETE /2/lists/:id": { kind: "ListManage" },
  "PUT /2/lists/:id": { kind: "ListManage" },
  "DELETE /2/users/:id/followed_lists/:id": { kind: "ListManage" },
  "DELETE /2/lists/:id/members/:id": { kind: "ListManage" },
  "DELETE /2/users/:id/pinned_lists/:id": { kind: "ListManage" },
  "POST /2/users/:id/bookmarks": { kind: "Bookmark" },
  "DELETE /2/users/:id/bookmarks/:id": { kind: "Bookmark" },
  "POST /2/media/metadata": { kind: "MediaMetadata" },
  "POST /2/media/subtitles": { kind: "MediaMetadata" },
  "DELETE /2/media/subtitles": { kind: "MediaMetadata" },
  "POST /2/users/:id/muting": { kind: "PrivacyUpdate" },
  "POST /2/users/:id/dm/block": { kind: "PrivacyUpdate" },
  "POST /2/users/:id/dm/unblock": { kind: "PrivacyUpdate" },
  "DELETE /2/users/:id/muting/:id": { kind: "MuteDelete" },
  "GET /2/tweets/counts/recent": { kind: "CountsRecent" },
  "GET /2/tweets/counts/all": { kind: "CountsAll" },
  "GET /2/trends/by/woeid/:id": { kind: "Trends" },
  "GET /2/users/personalized_trends": { kind: "Trends" },
};
