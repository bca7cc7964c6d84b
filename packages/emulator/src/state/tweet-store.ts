import type { Tweet } from "./model.js";

/** Twitter's snowflake epoch (2010-11-04), so ids look and sort like X's. */
const snowflakeEpoch = 1_288_834_974_657n;

export class TweetStore {
  readonly #tweets = new Map<string, Tweet>();
  #sequence = 0n;

  create(text: string, authorId: string, now: number): Tweet {
    this.#sequence = (this.#sequence + 1n) & 0x3f_ffffn;
    let id = ((BigInt(Math.max(0, Math.floor(now))) - snowflakeEpoch) << 22n) | this.#sequence;
    if (id < 1n) id = this.#sequence;
    while (this.#tweets.has(String(id))) id += 1n;
    const tweet: Tweet = { id: String(id), text, authorId, createdAt: now };
    this.#tweets.set(tweet.id, tweet);
    return tweet;
  }

  get(id: string): Tweet | undefined {
    return this.#tweets.get(id);
  }

  /** Newest first. */
  all(): Tweet[] {
    return [...this.#tweets.values()].reverse();
  }

  countBy(authorId: string): number {
    let count = 0;
    for (const tweet of this.#tweets.values()) if (tweet.authorId === authorId) count++;
    return count;
  }

  hasDuplicate(authorId: string, text: string): boolean {
    for (const tweet of this.#tweets.values())
      if (tweet.authorId === authorId && tweet.text === text) return true;
    return false;
  }
}
