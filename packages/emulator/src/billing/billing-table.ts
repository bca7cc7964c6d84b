/**
 * How the emulator bills, as X's pay-per-use does: reads per resource returned, writes per request.
 * The emulator keeps its own copy of this table (it depends on nothing of twauth's), so the client's
 * estimate can be checked against an independent bill.
 *
 * Sources, read 2026-12-01: X's pricing page (docs.x.com/x-api/getting-started/pricing) for the read
 * prices and the Content / Interaction request prices; X's API Playground
 * (github.com/xdevplatform/playground, internal/playground/credits.go) for which endpoint is billed as
 * what and for the prices the pricing page leaves out. Each resource is billed once per UTC day (X's
 * docs; the Playground uses a rolling 24 hours). A read that returns no resource costs nothing (the
 * Playground bills such a read as one resource).
 */

/** Price per resource, in micro-dollars, with the `includes` entry that holds more of the same kind. */
export const perResource: Readonly<Record<string, { readonly micros: number; readonly includes?: string }>> =
  {
    Post: { micros: 5_000, includes: "tweets" },
    User: { micros: 10_000, includes: "users" },
    List: { micros: 5_000, includes: "lists" },
    Space: { micros: 5_000, includes: "spaces" },
    Community: { micros: 5_000, includes: "communities" },
    DirectMessage: { micros: 10_000, includes: "messages" },
  };

/** Price per request, in micro-dollars. */
export const perRequest: Readonly<Record<string, number>> = {
  ContentCreate: 15_000,
  ContentCreateWithUrl: 200_000,
  DmInteractionCreate: 15_000,
  UserInteractionCreate: 15_000,
  InteractionDelete: 10_000,
  ContentManage: 5_000,
  ListCreate: 10_000,
  ListManage: 5_000,
  Bookmark: 5_000,
  CountsRecent: 5_000,
  CountsAll: 10_000,
};

/** Route keys ("METHOD /template", the emulator's own) by the kind they are billed as. */
export const billedRoutes: Readonly<Record<string, readonly string[]>> = {
  Post: [
    "GET /2/tweets",
    "GET /2/tweets/:id",
    "GET /2/tweets/search/recent",
    "GET /2/tweets/search/all",
    "GET /2/users/:id/tweets",
    "GET /2/users/:id/mentions",
    "GET /2/users/:id/timelines/reverse_chronological",
    "GET /2/users/:id/liked_tweets",
    "GET /2/users/:id/bookmarks",
    "GET /2/tweets/:id/quote_tweets",
    "GET /2/tweets/:id/retweets",
    "GET /2/lists/:id/tweets",
  ],
  User: [
    "GET /2/users",
    "GET /2/users/:id",
    "GET /2/users/me",
    "GET /2/users/by",
    "GET /2/users/by/username/:username",
    "GET /2/users/search",
    "GET /2/users/:id/followers",
    "GET /2/users/:id/following",
    "GET /2/tweets/:id/liking_users",
    "GET /2/tweets/:id/retweeted_by",
  ],
  List: ["GET /2/lists/:id", "GET /2/users/:id/owned_lists"],
  DirectMessage: ["GET /2/dm_events", "GET /2/dm_conversations/:id/dm_events"],
  ContentCreate: ["POST /2/tweets", "POST /2/media/upload"],
  UserInteractionCreate: [
    "POST /2/users/:id/likes",
    "POST /2/users/:id/retweets",
    "POST /2/users/:id/following",
  ],
  InteractionDelete: ["DELETE /2/users/:id/likes/:tweet_id", "DELETE /2/users/:id/following/:target_user_id"],
  ContentManage: ["DELETE /2/tweets/:id", "PUT /2/tweets/:id/hidden"],
  CountsRecent: ["GET /2/tweets/counts/recent"],
  CountsAll: ["GET /2/tweets/counts/all"],
};

/** A created Post whose text holds a link is billed as Content Create with URL. */
export const createPostRoute = "POST /2/tweets";
