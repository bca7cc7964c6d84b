import { userOf } from "../auth/identity.js";
import { jsonResponse } from "../http/emulator-response.js";
import {
  duplicateContentProblem,
  invalidRequestProblem,
  oauth1PermissionsProblem,
} from "../http/x-errors.js";
import type { Tweet } from "../state/model.js";
import type { Route } from "./route.js";

function tweetData(tweet: Tweet) {
  return { id: tweet.id, text: tweet.text, edit_history_tweet_ids: [tweet.id] };
}

export const createTweetRoute: Route = {
  method: "POST",
  template: "/2/tweets",
  auth: "user",
  style: "v2",
  scopes: ["tweet.read", "tweet.write", "users.read"],
  handle({ request, identity, world }) {
    const user = userOf(identity);
    if (!user) throw new Error("POST /2/tweets reached without a user");
    if (identity.kind === "oauth1-user" && identity.token.accessLevel === "read")
      return oauth1PermissionsProblem();
    if (request.contentType !== "application/json") {
      return invalidRequestProblem("Requests with bodies must have content-type of application/json.");
    }
    let body: unknown;
    try {
      body = JSON.parse(request.body);
    } catch {
      return invalidRequestProblem("Request body is not valid JSON.");
    }
    const text = (body as { text?: unknown } | null)?.text;
    if (typeof text !== "string" || text === "") {
      return invalidRequestProblem("The `text` field is required and must be a non-empty string.", {
        text: [],
      });
    }
    if (world.tweets.hasDuplicate(user.id, text)) return duplicateContentProblem();
    const tweet = world.tweets.create(text, user.id, world.now());
    world.onTweetCreated(tweet);
    return jsonResponse(201, { data: tweetData(tweet) });
  },
};

export const getTweetRoute: Route = {
  method: "GET",
  template: "/2/tweets/:id",
  auth: "user-or-app",
  style: "v2",
  scopes: ["tweet.read", "users.read"],
  handle({ params, world }) {
    const id = params.id ?? "";
    if (!/^\d{1,19}$/.test(id)) {
      return invalidRequestProblem(`The \`id\` query parameter value [${id}] is not valid`, { id: [id] });
    }
    const tweet = world.tweets.get(id);
    if (!tweet) {
      // X answers a missing tweet with 200 and an errors array, not 404.
      return jsonResponse(200, {
        errors: [
          {
            value: id,
            detail: `Could not find tweet with id: [${id}].`,
            title: "Not Found Error",
            resource_type: "tweet",
            parameter: "id",
            resource_id: id,
            type: "https://api.twitter.com/2/problems/resource-not-found",
          },
        ],
      });
    }
    return jsonResponse(200, { data: tweetData(tweet) });
  },
};

export const searchRecentRoute: Route = {
  method: "GET",
  template: "/2/tweets/search/recent",
  auth: "user-or-app",
  style: "v2",
  scopes: ["tweet.read", "users.read"],
  handle({ request, world }) {
    const query = request.query.get("query") ?? "";
    if (query.trim() === "") {
      return invalidRequestProblem("The `query` query parameter can not be empty", { query: [] });
    }
    const maxResults = Math.min(100, Math.max(10, Number(request.query.get("max_results") ?? 10) || 10));
    const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    const found = world.tweets
      .all()
      .filter((tweet) => terms.every((term) => tweet.text.toLowerCase().includes(term)))
      .slice(0, maxResults);
    if (found.length === 0) return jsonResponse(200, { meta: { result_count: 0 } });
    return jsonResponse(200, {
      data: found.map(tweetData),
      meta: {
        newest_id: found[0]?.id,
        oldest_id: found[found.length - 1]?.id,
        result_count: found.length,
      },
    });
  },
};
