import { createHash, randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { isProcessAlive } from "@twauth/store-kit";

// Which host a lease was taken on, as a short hash: pids only mean something on their own host
// (a state file on a shared folder may be read by several).
const hostTag = createHash("sha256").update(hostname()).digest("base64url").slice(0, 8);

/** A lease id prefix naming this host and process, unique per state object. */
export function leaseOwnerPrefix(): string {
  return `${hostTag}.${process.pid}.${randomBytes(4).toString("hex")}`;
}

/**
 * True when a lease was taken by a process of this host that no longer runs (killed, crashed): its
 * budget comes back at once instead of at the lease's expiry. Leases of other hosts, and ids this
 * version did not write, wait for their expiry.
 */
export function leaseOwnerGone(lease: string): boolean {
  const [tag, pid] = lease.split(".", 2);
  if (tag !== hostTag || pid === undefined || !/^\d{1,10}$/.test(pid)) return false;
  return !isProcessAlive(Number(pid));
}
