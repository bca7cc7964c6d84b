import { describe, expect, it } from "vitest";
import { type RedisStateNotice, redisRefreshLock } from "../src/index.js";
import { clientNames, connectClient } from "./support/clients.js";
import { useRedisServer } from "./support/redis-server.js";

const redis = useRedisServer();

describe.each(clientNames)("redisRefreshLock over %s", (clientName) => {
  it("runs one holder's task at a time across locks on separate clients, in turn", async () => {
    const [first, second] = [
      await connectClient(clientName, redis().url),
      await connectClient(clientName, redis().url),
    ];
    const keyPrefix = `lock-${clientName}-${Math.random()}:`;
    const locks = [
      redisRefreshLock({ client: first.client, keyPrefix }),
      redisRefreshLock({ client: second.client, keyPrefix }),
    ];
    const events: string[] = [];
    let inside = 0;
    const task = (name: string) => async () => {
      inside++;
      events.push(`${name} in (${inside} inside)`);
      await new Promise((resolve) => setTimeout(resolve, 60));
      inside--;
      return name;
    };
    const results = await Promise.all([
      locks[0]?.run("grant", task("a")),
      locks[1]?.run("grant", task("b")),
      locks[0]?.run("grant", task("c")),
    ]);
    expect(results).toEqual(["a", "b", "c"]);
    expect(events.every((event) => event.endsWith("(1 inside)"))).toBe(true);
    await Promise.all([first.close(), second.close()]);
  });

  it("frees the lock of a holder that died once its lease ends", async () => {
    const connected = await connectClient(clientName, redis().url);
    const keyPrefix = `dead-${clientName}-${Math.random()}:`;
    // A worker that died holding it: the key is there with a 200 ms lease and nobody renews it.
    const raw = connected.client as {
      sendCommand?: (args: string[]) => Promise<unknown>;
      call?: (c: string, a: string[]) => Promise<unknown>;
    };
    const args = [`${keyPrefix}refresh-lock:{grant}`, "someone-else", "PX", "200"];
    await (raw.call ? raw.call("SET", args) : raw.sendCommand?.(["SET", ...args]));
    const lock = redisRefreshLock({ client: connected.client, keyPrefix, wait: "5s" });
    await expect(lock.run("grant", async () => "ran")).resolves.toBe("ran");
    await connected.close();
  });
});

it("runs the task without the lock while Redis does not answer, and says so once", async () => {
  const notices: RedisStateNotice[] = [];
  const lock = redisRefreshLock({
    url: "redis://127.0.0.1:1",
    commandTimeout: "200ms",
    notify: (notice) => notices.push(notice),
  });
  await expect(lock.run("grant", async () => "ran")).resolves.toBe("ran");
  await expect(lock.run("grant", async () => "again")).resolves.toBe("again");
  expect(notices.map((notice) => notice.code)).toEqual(["REDIS_UNREACHABLE"]);
  await lock.close();
});

it('fails with NETWORK_ERROR, naming no password, when Redis does not answer and onRedisError is "fail"', async () => {
  const lock = redisRefreshLock({
    url: "redis://:hunter2@127.0.0.1:1",
    commandTimeout: "200ms",
    onRedisError: "fail",
  });
  const error = await lock.run("grant", async () => "ran").catch((caught: unknown) => caught as Error);
  expect(error).toMatchObject({ code: "NETWORK_ERROR" });
  expect(`${(error as Error).message}${JSON.stringify(error)}`).not.toContain("hunter2");
  await lock.close();
});
