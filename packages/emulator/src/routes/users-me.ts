import { userOf } from "../auth/identity.js";
import { jsonResponse } from "../http/emulator-response.js";
import type { Route } from "./route.js";

export const usersMeRoute: Route = {
  method: "GET",
  template: "/2/users/me",
  auth: "user",
  style: "v2",
  scopes: ["tweet.read", "users.read"],
  handle({ identity }) {
    const user = userOf(identity);
    if (!user) throw new Error("GET /2/users/me reached without a user");
    return jsonResponse(200, { data: { id: user.id, name: user.name, username: user.username } });
  },
};
