/**
 * Cold start, as a short-lived bot or CLI feels it: fresh node processes, timed from spawn to exit,
 * interleaved so a slow moment of the shared machine hits every contender alike.
 *
 * - bare: `node -e 0`
 * - bare ESM: `node --input-type=module -e 0`, the floor for anything imported as ESM (the loader's start)
 * - core + sign: import @twauth/core and compute one Authorization header (no request)
 * - core/oauth1 + sign: the same through the signing-only entry, @twauth/core/oauth1
 * - oauth-1.0a + sign: import oauth-1.0a and node:crypto (its HMAC, as its README shows) and
 *   compute the same header: the peer a signing-only program would pick instead
 * - config path: `connect()` from a twauth.config.yaml with a .env store, then GET /2/users/me
 * - twitter-api-v2: import, construct a client with the same four keys, then GET /2/users/me
 *
 * Both request-making contenders talk to the same emulator.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { defaultApp, defaultUser, startEmulator } from "@twauth/emulator";
import type { BenchSuite } from "../suite.js";

const run = promisify(execFile);
const benchFolder = fileURLToPath(new URL("../../", import.meta.url));
const processes = 21;
const coreTargetMs = 10;
// The signing entry's cost over bare, as a share of oauth-1.0a's (issue 10).
const signingEntryTargetRatio = 0.8;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const coreAndSign = `import { createOAuth1Signer } from "@twauth/core";
const signer = createOAuth1Signer({ consumerKey: "ck", consumerSecret: "cs", accessToken: "at", accessTokenSecret: "ats" });
if (!signer.authorize({ method: "GET", url: "https://api.x.com/2/users/me" }).startsWith("OAuth ")) process.exit(1);`;

const signingEntryAndSign = coreAndSign.replace('"@twauth/core"', '"@twauth/core/oauth1"');

const oauth1aAndSign = `import OAuth from "oauth-1.0a";
import { createHmac } from "node:crypto";
const oauth = new OAuth({
  consumer: { key: "ck", secret: "cs" },
  signature_method: "HMAC-SHA1",
  hash_function: (base, key) => createHmac("sha1", key).update(base).digest("base64"),
});
const data = oauth.authorize({ method: "GET", url: "https://api.x.com/2/users/me" }, { key: "at", secret: "ats" });
if (!oauth.toHeader(data).Authorization.startsWith("OAuth ")) process.exit(1);`;

const configPath = `import { connect } from "@twauth/config";
const api = await connect({ cwd: process.env.BENCH_CONFIG_DIR });
const response = await api.get("/2/users/me");
if (response.data.data.id === undefined) process.exit(1);
api.close();`;

const twitterApiV2 = `import { TwitterApi } from "twitter-api-v2";
import { Agent } from "node:http";
const client = new TwitterApi(
  { appKey: process.env.CK, appSecret: process.env.CS, accessToken: process.env.AT, accessSecret: process.env.ATS },
  { httpAgent: new Agent() },
);
const me = await client.v2.get("users/me", undefined, { prefix: process.env.BENCH_BASE_URL + "/2/" });
if (me.data.id === undefined) process.exit(1);`;

async function wallMilliseconds(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  await run(process.execPath, [...args], { cwd: benchFolder, env, timeout: 30_000 });
  return performance.now() - started;
}

export const suite: BenchSuite = {
  name: "cold-start",
  async run() {
    const emulator = await startEmulator({ rateLimits: { "GET /2/users/me": null } });
    const folder = mkdtempSync(join(tmpdir(), "twauth-bench-cold-"));
    try {
      writeFileSync(join(folder, "package.json"), "{}\n");
      writeFileSync(
        join(folder, ".env"),
        `CONSUMER_KEY=${defaultApp.consumerKey}\nCONSUMER_SECRET=${defaultApp.consumerSecret}\nACCESS_TOKEN=${defaultUser.accessToken}\nACCESS_TOKEN_SECRET=${defaultUser.accessTokenSecret}\n`,
        { mode: 0o600 },
      );
      writeFileSync(
        join(folder, "twauth.config.yaml"),
        `store: { type: dotenv }\nbase_url: ${emulator.url}\n`,
      );
      const env = {
        ...process.env,
        BENCH_CONFIG_DIR: folder,
        BENCH_BASE_URL: emulator.url,
        CK: defaultApp.consumerKey,
        CS: defaultApp.consumerSecret,
        AT: defaultUser.accessToken,
        ATS: defaultUser.accessTokenSecret,
      };
      const contenders: Record<string, readonly string[]> = {
        bare: ["-e", "0"],
        "bare ESM": ["--input-type=module", "-e", "0"],
        "core + sign": ["--input-type=module", "-e", coreAndSign],
        "core/oauth1 + sign": ["--input-type=module", "-e", signingEntryAndSign],
        "oauth-1.0a + sign": ["--input-type=module", "-e", oauth1aAndSign],
        "config path": ["--input-type=module", "-e", configPath],
        "twitter-api-v2": ["--input-type=module", "-e", twitterApiV2],
      };
      const names = Object.keys(contenders);
      // Each contender must work before it is timed: a process that fails fast is not fast.
      for (const name of names) await wallMilliseconds(contenders[name]!, env);
      const samples = new Map(names.map((name) => [name, [] as number[]]));
      for (let round = 0; round < processes; round++) {
        const order = round % 2 === 0 ? names : [...names].reverse();
        for (const name of order) samples.get(name)!.push(await wallMilliseconds(contenders[name]!, env));
      }
      const medians = Object.fromEntries(names.map((name) => [name, median(samples.get(name)!)])) as Record<
        string,
        number
      >;
      const bare = medians.bare!;
      const over = (name: string) => medians[name]! - bare;
      const coreOver = over("core + sign");
      const signingEntryOver = over("core/oauth1 + sign");
      const oauth1aOver = over("oauth-1.0a + sign");
      const signingRatio = signingEntryOver / oauth1aOver;
      const configOver = over("config path");
      const peerOver = over("twitter-api-v2");
      return [
        `fresh node ${process.version} processes, spawn to exit, median of ${processes}, interleaved`,
        `bare node -e 0: ${bare.toFixed(1)} ms; bare ESM (--input-type=module -e 0): ${medians["bare ESM"]!.toFixed(1)} ms`,
        `@twauth/core import + one signature: ${medians["core + sign"]!.toFixed(1)} ms, ${coreOver.toFixed(1)} ms over bare (target < ${coreTargetMs} ms: ${coreOver < coreTargetMs ? "met" : "NOT met"}), ${(medians["core + sign"]! - medians["bare ESM"]!).toFixed(1)} ms over bare ESM`,
        `@twauth/core/oauth1 import + one signature: ${medians["core/oauth1 + sign"]!.toFixed(1)} ms, ${signingEntryOver.toFixed(1)} ms over bare`,
        `oauth-1.0a import + one signature: ${medians["oauth-1.0a + sign"]!.toFixed(1)} ms, ${oauth1aOver.toFixed(1)} ms over bare`,
        `@twauth/core/oauth1 vs oauth-1.0a: ${signingRatio.toFixed(2)}x its cost over bare (target <= ${signingEntryTargetRatio.toFixed(2)}x: ${signingRatio <= signingEntryTargetRatio ? "met" : "NOT met"}); @twauth/core (main entry): ${(coreOver / oauth1aOver).toFixed(2)}x`,
        `config path (connect() with a .env store + GET /2/users/me): ${medians["config path"]!.toFixed(1)} ms, ${configOver.toFixed(1)} ms over bare`,
        `twitter-api-v2 (import + client + GET /2/users/me): ${medians["twitter-api-v2"]!.toFixed(1)} ms, ${peerOver.toFixed(1)} ms over bare`,
        `config path vs twitter-api-v2: ${(configOver / peerOver).toFixed(2)}x its cost over bare (target <= 1.00x: ${configOver <= peerOver ? "met" : "NOT met"})`,
      ];
    } finally {
      rmSync(folder, { recursive: true, force: true });
      await emulator.stop();
    }
  },
};
