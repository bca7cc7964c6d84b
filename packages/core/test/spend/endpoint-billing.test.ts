import { describe, expect, it } from "vitest";
import { endpointTemplate } from "../../src/connection/endpoint-template.js";
import { billedResourceIds } from "../../src/spend/billed-resources.js";
import { billingOfEndpoint, billingOfTemplate } from "../../src/spend/endpoint-billing.js";

describe("which kind an endpoint is billed as", () => {
  it("bills reads per resource and writes per request", () => {
    expect(billingOfTemplate("GET /2/tweets/search/recent")?.kind).toBe("Post");
    expect(billingOfTemplate("GET /2/users/:id/followers")?.kind).toBe("User");
    expect(billingOfTemplate("POST /2/tweets")?.kind).toBe("ContentCreate");
    expect(billingOfTemplate("POST /2/users/:id/likes")?.kind).toBe("UserInteractionCreate");
    expect(billingOfTemplate("DELETE /2/tweets/:id")?.kind).toBe("ContentManage");
  });

  it("reads the connection's own endpoint names, ids templated", () => {
    const name = endpointTemplate("DELETE", "/2/users/2244994945/likes/1460323737035677698");
    expect(billingOfTemplate(name)?.kind).toBe("InteractionDelete");
    expect(billingOfTemplate(endpointTemplate("GET", "/2/users/by/username/jack"))?.kind).toBe("User");
  });

  it("prefers a literal segment over a placeholder: /2/users/me is not /2/users/:id", () => {
    expect(billingOfEndpoint("GET", "/2/users/me")).toEqual({ kind: "User", results: { single: true } });
    expect(billingOfEndpoint("GET", "/2/users/search")?.kind).toBe("User");
    expect(billingOfEndpoint("GET", "/2/users/search")).not.toEqual(billingOfEndpoint("GET", "/2/users/:id"));
  });

  it("matches a concrete path and ignores its query", () => {
    expect(billingOfEndpoint("get", "/2/tweets/20?tweet.fields=lang")?.kind).toBe("Post");
  });

  it("does not bill OAuth, the usage endpoint or v1.1", () => {
    expect(billingOfTemplate("POST /oauth2/token")).toBeUndefined();
    expect(billingOfTemplate("GET /2/usage/tweets")).toBeUndefined();
    expect(billingOfTemplate("GET /1.1/account/verify_credentials.json")).toBeUndefined();
    expect(billingOfTemplate("GET")).toBeUndefined();
  });
});

describe("the resources a response is billed for", () => {
  it("counts the ids in a data array and in includes of the same kind, each once", () => {
    const body = {
      data: [{ id: "1" }, { id: "2" }],
      includes: { tweets: [{ id: "2" }, { id: "3" }], users: [{ id: "9" }] },
    };
    expect(billedResourceIds("Post", body)).toEqual(["1", "2", "3"]);
    expect(billedResourceIds("User", body)).toEqual(["1", "2", "9"]);
  });

  it("counts a data object as one resource", () => {
    expect(billedResourceIds("User", { data: { id: "2244994945", username: "XDevelopers" } })).toEqual([
      "2244994945",
    ]);
  });

  it("bills nothing for an answer without data (a 200 with only errors, an empty page)", () => {
    expect(billedResourceIds("Post", { errors: [{ resource_id: "20" }] })).toEqual([]);
    expect(billedResourceIds("Post", { meta: { result_count: 0 } })).toEqual([]);
    expect(billedResourceIds("Post", "not json")).toEqual([]);
    expect(billedResourceIds("Post", { data: [{ text: "no id" }, null, { id: "" }] })).toEqual([]);
  });

  it("stops reading ids past ten thousand", () => {
    const data = Array.from({ length: 10_050 }, (_, index) => ({ id: String(index) }));
    expect(billedResourceIds("Post", { data })).toHaveLength(10_000);
  });
});
