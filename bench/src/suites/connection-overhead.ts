/**
 * Requests per second on loopback, sequential and 16 in flight, against one trivial node:http
 * server in a child process that every contender hits: node:http with a keep-alive agent (the
 * floor), twauth's connection signing every request with OAuth 1.0a, global fetch, and
 * twitter-api-v2 with OAuth 1.0a. Target: twauth >= 0.8x node:http in both.
 */
import { fork } from "node:child_process";
import { Agent, request } from "node:http";
import { getApiConnection } from "@twauth/core";
import { TwitterApi } from "twitter-api-v2";
import type { BenchSuite } from "../suite.js";
import { medianRequestsPerSecond } from "../support/throughput.js";

const credentials = {
  consumerKey: "EmuLat0rC0nsumerKey000001",
  consumerSecret: "EmuLat0rC0nsumerSecret0000000000000000000000000001",
  accessToken: "1460000000000000001-EmuLat0rAccessT0ken000000000000000000001",
  accessTokenSecret: "EmuLat0rAccessT0kenSecret00000000000000000001",
};
const target = 0.8;
const modes = [
  { name: "sequential", inFlight: 1, total: 1500 },
  { name: "16 in flight", inFlight: 16, total: 3000 },
] as const;

function nodeHttpGet(url: string, agent: Agent): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { agent }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () => resolve(JSON.parse(body)));
      response.on("error", reject);
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

async function startServer() {
  const child = fork(new URL("../support/trivial-server.js", import.meta.url), { stdio: "ignore" });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (message) => resolve(message as number));
    child.once("error", reject);
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

export const suite: BenchSuite = {
  name: "connection-overhead",
  async run() {
    const server = await startServer();
    const agent = new Agent({ keepAlive: true });
    const api = await getApiConnection({ credentials, baseUrl: server.url });
    const twitter = new TwitterApi(
      {
        appKey: credentials.consumerKey,
        appSecret: credentials.consumerSecret,
        accessToken: credentials.accessToken,
        accessSecret: credentials.accessTokenSecret,
      },
      { httpAgent: agent },
    );
    const meUrl = `${server.url}/2/users/me`;
    const contenders = {
      "node:http": () => nodeHttpGet(meUrl, agent),
      twauth: async () => (await api.get("/2/users/me")).data,
      fetch: async () => (await fetch(meUrl)).json(),
      "twitter-api-v2": () => twitter.v2.get("users/me", undefined, { prefix: `${server.url}/2/` }),
    };
    const lines: string[] = [];
    try {
      // Every contender must get the real answer before it is timed (an error is fast, not good).
      for (const [name, contender] of Object.entries(contenders)) {
        const answer = (await contender()) as { data?: { id?: string } } | undefined;
        if (answer?.data?.id === undefined) throw new Error(`${name} got no user back`);
      }
      for (const mode of modes) {
        const results = await medianRequestsPerSecond(contenders, { rounds: 7, ...mode });
        const floor = results["node:http"]!;
        const figures = Object.entries(results).map(([name, rate]) =>
          name === "node:http"
            ? `${name} ${Math.round(rate)} req/s`
            : `${name} ${Math.round(rate)} req/s (${(rate / floor).toFixed(2)}x)`,
        );
        lines.push(`${mode.name}: ${figures.join(", ")}`);
        const ratio = results.twauth! / floor;
        lines.push(
          `${mode.name}: twauth with OAuth 1.0a signing ${ratio.toFixed(2)}x node:http; target >= ${target}x: ${ratio >= target ? "met" : "NOT met"}`,
        );
      }
    } finally {
      api.close();
      agent.destroy();
      server.stop();
    }
    return lines;
  },
};
