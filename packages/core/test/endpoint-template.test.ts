import { describe, expect, it } from "vitest";
import { endpointTemplate } from "../src/connection/endpoint-template.js";

describe("endpointTemplate", () => {
  it.each([
    ["GET", "/2/tweets/1460323737035677698", "GET /2/tweets/:id"],
    ["delete", "/2/tweets/20", "DELETE /2/tweets/:id"],
    ["GET", "/2/users/2244994945/tweets", "GET /2/users/:id/tweets"],
    ["GET", "/1.1/statuses/show/20.json", "GET /1.1/statuses/show/:id.json"],
    ["GET", "/2/users/by/username/XDevelopers", "GET /2/users/by/username/:username"],
    ["GET", "/2/tweets/search/recent?query=from%3Ax", "GET /2/tweets/search/recent"],
    ["GET", "/2/users/me", "GET /2/users/me"],
    ["POST", "/2/tweets", "POST /2/tweets"],
  ])("puts %s %s in the bucket %s", (method, path, expected) => {
    expect(endpointTemplate(method, path)).toBe(expected);
  });
});
