import { userOf } from "../auth/identity.js";
import type { EmulatorResponse } from "../http/emulator-response.js";
import type { Route } from "./route.js";

export const verifyCredentialsRoute: Route = {
  method: "GET",
  template: "/1.1/account/verify_credentials.json",
  auth: "oauth1-user",
  style: "v1",
  handle({ identity, world }) {
    const user = userOf(identity);
    if (!user) throw new Error("verify_credentials reached without a user");
    const body = {
      id: user.id,
      id_str: user.id,
      name: user.name,
      screen_name: user.username,
      location: "",
      description: "",
      url: null,
      protected: false,
      followers_count: 0,
      friends_count: 0,
      listed_count: 0,
      created_at: "Thu Nov 04 01:42:54 +0000 2010",
      favourites_count: 0,
      verified: false,
      statuses_count: world.tweets.countBy(user.id),
      lang: null,
    };
    return rawIdJson(200, body, user.id);
  },
};

/**
 * v1.1 sends `id` as a bare JSON number even past 2^53, where JavaScript's JSON.parse loses
 * digits; that is why `id_str` exists. Reproduced so clients are caught reading `id`.
 */
function rawIdJson(status: number, body: Record<string, unknown>, id: string): EmulatorResponse {
  const text = JSON.stringify(body).replace(`"id":${JSON.stringify(id)}`, `"id":${id}`);
  return { status, headers: { "content-type": "application/json; charset=utf-8" }, body: text };
}
