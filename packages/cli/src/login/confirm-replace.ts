import type { CommandContext } from "../cli/command.js";
import { UsageError } from "../cli/usage-error.js";
import type { Setup } from "../setup/load-setup.js";
import type { LineReader } from "./line-reader.js";
import type { HeldToken } from "./login-profile.js";

/** Who signed in, as X's access-token answer names them. */
export interface SignedInUser {
  readonly userId: string;
  readonly screenName: string;
}

/**
 * `twauth login` never replaces another user's tokens silently: when the profile holds an access
 * token of a different user (or one whose owner the token does not tell), it asks on a terminal and
 * needs `--force` otherwise. Re-signing the same user just refreshes the tokens.
 */
export async function confirmReplace(
  context: CommandContext,
  setup: Setup,
  held: HeldToken | undefined,
  user: SignedInUser,
  options: { force: boolean; reader: LineReader | undefined },
): Promise<void> {
  if (held === undefined || held.userId === user.userId || options.force) return;
  const holder =
    held.userId === undefined ? "another user (the token does not say whose)" : `user id ${held.userId}`;
  const where = `profile "${setup.profile}" of ${setup.store.source}`;
  const elsewhere = `or --profile <name> to save @${user.screenName} as another profile`;
  if (context.io.stdin.isTTY !== true || options.reader === undefined) {
    throw new UsageError(
      `${where} holds the access token of ${holder}, and @${user.screenName} (id ${user.userId}) signed in; nothing was saved. Run twauth login --force to replace that user's tokens, ${elsewhere}.`,
      "login",
    );
  }
  context.output.stderrRaw(
    `${where} holds the access token of ${holder}. Replace it with @${user.screenName}'s (id ${user.userId})? [y/N] `,
  );
  const answer = (await options.reader.next())?.trim().toLowerCase();
  if (answer === "y" || answer === "yes") return;
  throw new UsageError(
    `kept the tokens of ${holder} in ${where}; nothing was saved. To keep both users, run twauth login --profile <name>.`,
    "login",
  );
}
