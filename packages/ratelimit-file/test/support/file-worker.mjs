// One process of the file-state tests: makes COUNT requests to the emulator through getApiConnection
// (the built @twauth/core) with the rate-limit state in STATE_PATH ("memory" for a process of its
// own), CONCURRENCY at a time, on a clock CLOCK_OFFSET ms from this host's (the emulator's, which
// the test shares), and prints one JSON line: requests answered, errors, file transactions.
import { createMemoryRateLimitState, getApiConnection } from "@twauth/core";
import { fileRateLimitState } from "@twauth/ratelimit-file";

const { EMULATOR_URL, STATE_PATH, COUNT, CONCURRENCY, CLOCK_OFFSET, CREDENTIALS } = process.env;

const offset = Number(CLOCK_OFFSET ?? 0);
const state =
  STATE_PATH === "memory" ? createMemoryRateLimitState() : fileRateLimitState({ path: STATE_PATH });
const api = await getApiConnection({
  credentials: JSON.parse(CREDENTIALS),
  baseUrl: EMULATOR_URL,
  waitOnRateLimit: true,
  waitOnRateLimitNotify: false,
  rateLimitState: state,
  now: () => Date.now() + offset,
});
let next = 0;
let answered = 0;
const errors = [];
await Promise.all(
  Array.from({ length: Number(CONCURRENCY) }, async () => {
    while (next < Number(COUNT)) {
      next++;
      try {
        await api.get("/2/users/me");
        answered++;
      } catch (error) {
        errors.push(`${error.code}: ${error.message}`);
      }
    }
  }),
);
await state.flush?.();
api.close();
console.log(JSON.stringify({ answered, errors, transactions: state.fileTransactions ?? 0 }));
