import { expect, it } from "vitest";
import { type RedisStateNotice, redisBearerTokenCache } from "../src/index.js";
import { useRedisServer } from "./support/redis-server.js";

const redis = useRedisServer();

it("serves two commands sent at once on a fresh URL link: the second waits for the first connect", async () => {
  const notices: RedisStateNotice[] = [];
  const cache = redisBearerTokenCache({
    url: redis().url,
    keyPrefix: "first-use:",
    notify: (notice) => notices.push(notice),
  });
  await cache.set("app", "token-1");
  const fresh = redisBearerTokenCache({
    url: redis().url,
    keyPrefix: "first-use:",
    notify: (notice) => notices.push(notice),
  });
  await expect(Promise.all([fresh.get("app"), fresh.get("app")])).resolves.toEqual(["token-1", "token-1"]);
  // Neither fell back to this process's own (empty) cache.
  expect(notices).toEqual([]);
  await Promise.all([cache.close(), fresh.close()]);
});
