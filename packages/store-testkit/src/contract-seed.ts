/**
 * Profiles of one store: profile name -> key -> value.
 *
 * @example
 * const profiles: SeedProfiles = { default: { CONSUMER_KEY: "ck-1", CONSUMER_SECRET: "cs-1" } };
 */
export type SeedProfiles = Readonly<Record<string, Readonly<Record<string, string>>>>;

/**
 * What a factory must put in a fresh store before each case.
 *
 * @example
 * const seed: SecretStoreSeed = { profiles: { default: { BEARER_TOKEN: "AAAA-test" } } };
 */
export interface SecretStoreSeed {
  readonly profiles: SeedProfiles;
}

/**
 * The contract's data: the default profile uses the seed tutorial's names, `bot2` the developer
 * portal's (in SNAKE_CASE, so every store can hold them). Every value is distinct and looks like a
 * secret, so a test can prove none of them appears in an error.
 *
 * @example
 * const store = memorySecretStore(contractSeed.profiles);
 * const credentials = resolveCredentials(await store.load({ profile: "bot2" }));
 */
export const contractSeed: SecretStoreSeed = {
  profiles: {
    default: {
      CONSUMER_KEY: "ck-default-9Qf3Lx7Tz",
      CONSUMER_SECRET: "cs-default-Vb82nKe0pWq4",
      ACCESS_KEY: "at-default-1200-Hk3Jd9",
      ACCESS_SECRET: "as-default-Zm4Rt8Yw2Pq",
    },
    bot2: {
      API_KEY: "ck-bot2-T7yUe2Bn5",
      API_KEY_SECRET: "cs-bot2-Lk9Fs1Qa6Xz",
      ACCESS_TOKEN: "at-bot2-3400-Gp7Wv2",
      ACCESS_TOKEN_SECRET: "as-bot2-Nc5Hj8Ud3Re",
    },
  },
};

/**
 * Values a writable store must write and read back unchanged: comment and quote characters,
 * whitespace around the value, escapes, non-ASCII, YAML and ini syntax, leading zeros.
 *
 * @example
 * for (const value of hostileValues) {
 *   await store.save({ BEARER_TOKEN: value });
 *   expect((await store.load()).BEARER_TOKEN).toBe(value);
 * }
 */
export const hostileValues: readonly string[] = [
  "a#b=c;d",
  "  padded value  ",
  `it's "quoted"`,
  "ünïcødé ☃ 𝕏",
  "back\\slash\\n",
  "[bracket] {brace} & * ! | > % @ `tick`",
  "0123",
  "- dash: colon",
];

/**
 * Every value of `seed`, for "no secret in any error" checks.
 *
 * @example
 * expectNoSecret(error, seedValues(contractSeed));
 */
export function seedValues(seed: SecretStoreSeed): string[] {
  return Object.values(seed.profiles).flatMap((record) => Object.values(record));
}
