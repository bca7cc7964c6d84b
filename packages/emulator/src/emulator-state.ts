import { ProjectBilling } from "./billing/project-billing.js";
import { FaultInjector } from "./faults/fault-injector.js";
import { RateLimiter } from "./limits/rate-limiter.js";
import { NonceCache } from "./oauth1/nonce-cache.js";
import { OAuth2Grants } from "./oauth2/oauth2-grants.js";
import type { NormalizedOptions } from "./options.js";
import type { AuthorizeBehaviour, World } from "./routes/route.js";
import { Registry } from "./state/registry.js";
import { TweetStore } from "./state/tweet-store.js";
import { RequestStats } from "./stats/request-stats.js";

/** Everything one emulator holds: the request handler reads it, the controls change it. */
export interface EmulatorState {
  readonly settings: NormalizedOptions;
  readonly registry: Registry;
  readonly tweets: TweetStore;
  readonly stats: RequestStats;
  readonly limiter: RateLimiter;
  readonly faults: FaultInjector;
  readonly nonces: NonceCache;
  readonly world: World;
}

/** Builds the world from the options: the seeded apps and users, empty stats, the rate limits. */
export function createEmulatorState(settings: NormalizedOptions): EmulatorState {
  const registry = new Registry();
  for (const app of settings.apps) registry.addApp(app);
  for (const user of settings.users) registry.addUser(user);
  const tweets = new TweetStore();
  const stats = new RequestStats(settings.maxRecordedRequests);
  const oauth2 = new OAuth2Grants(settings.now, settings.oauth2Lifetimes);
  for (const client of settings.oauth2Clients) oauth2.addClient(client);
  return {
    settings,
    registry,
    tweets,
    stats,
    limiter: new RateLimiter(settings.rateLimits),
    faults: new FaultInjector(),
    nonces: new NonceCache(settings.timestampToleranceSeconds),
    world: {
      registry,
      tweets,
      now: settings.now,
      requestTokenTtlMs: settings.requestTokenTtlMs,
      authorize: authorizeBehaviour(settings.authorize),
      onTweetCreated: (tweet) => stats.recordTweet(tweet),
      billing: new ProjectBilling(settings.now),
      oauth2,
    },
  };
}

/** The authorize page's behaviour with its default decision filled in. */
export function authorizeBehaviour(behaviour: AuthorizeBehaviour): World["authorize"] {
  return {
    decision: behaviour.decision ?? "approve",
    ...(behaviour.signedInUser === undefined ? {} : { signedInUser: behaviour.signedInUser }),
  };
}
