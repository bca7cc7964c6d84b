// Takes COUNT leases of 500 ms on KEY at AT from the file state in STATE_PATH and never settles
// them: the test kills this process.
import { fileRateLimitState } from "@twauth/ratelimit-file";

const { STATE_PATH, KEY, AT, COUNT } = process.env;
const state = fileRateLimitState({ path: STATE_PATH, leaseTime: "500ms" });
const tickets = await Promise.all(
  Array.from({ length: Number(COUNT) }, () => state.acquire(KEY, Number(AT))),
);
if (!tickets.every((ticket) => ticket.action === "send"))
  throw new Error(`expected sends: ${JSON.stringify(tickets)}`);
process.stdout.write("holding\n");
setInterval(() => {}, 1000);
