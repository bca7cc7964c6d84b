import type { SecretRecord } from "@twauth/core";
import {
  canonicalCredentialField,
  DEFAULT_PROFILE,
  isTwauthError,
  resolveCredentials,
  TwauthError,
} from "@twauth/core";
import type { CommandContext } from "../cli/command.js";
import type { Setup } from "../setup/load-setup.js";

/** The app `twauth login` signs in with, and what the profile holds before it saves. */
export interface LoginProfile {
  readonly consumerKey: string;
  readonly consumerSecret: string;
  /** The profile does not exist yet: login creates it, with the app's key and secret beside the tokens. */
  readonly isNew: boolean;
  /** The user id of the access token the profile holds (X's tokens start with it), if it holds one. */
  readonly heldBy: HeldToken | undefined;
}

/** An access token already in the profile: whose it is, when X's format tells. */
export interface HeldToken {
  readonly userId: string | undefined;
}

/**
 * Reads the profile login will save to. A profile the store does not have yet (`--profile bot2`)
 * takes the app's key and secret from the default profile, and is created by the save.
 */
export async function readLoginProfile(context: CommandContext, setup: Setup): Promise<LoginProfile> {
  let record: SecretRecord;
  let isNew = false;
  try {
    record = await setup.store.load({ profile: setup.profile });
  } catch (error) {
    if (!isTwauthError(error, "PROFILE_NOT_FOUND") || setup.profile === DEFAULT_PROFILE) throw error;
    record = await setup.store.load({ profile: DEFAULT_PROFILE });
    isNew = true;
    context.output.info(
      `Profile "${setup.profile}" is new in ${setup.store.source}: signing in with the app of profile "${DEFAULT_PROFILE}", and creating "${setup.profile}" with its key and secret and the new tokens.`,
    );
  }
  const app = consumerCredentials(record, setup, isNew ? DEFAULT_PROFILE : setup.profile);
  return { ...app, isNew, heldBy: isNew ? undefined : heldToken(record) };
}

function heldToken(record: SecretRecord): HeldToken | undefined {
  const entry = Object.entries(record).find(([key]) => canonicalCredentialField(key) === "accessToken");
  const token = entry?.[1]?.trim();
  if (token === undefined || token === "") return undefined;
  // X's OAuth 1.0a access tokens are "<user id>-<random>".
  const userId = /^(\d{1,20})-/.exec(token)?.[1];
  return { userId };
}

/** The app's consumer key and secret: the PIN flow needs nothing else from the store. */
function consumerCredentials(
  record: SecretRecord,
  setup: Setup,
  profile: string,
): { consumerKey: string; consumerSecret: string } {
  const source = setup.store.source;
  const credentials = resolveCredentials(record, { auth: "app", source, profile, onWarning: () => {} });
  if (
    credentials.type !== "app" ||
    credentials.consumerKey === undefined ||
    credentials.consumerSecret === undefined
  ) {
    throw new TwauthError(
      "CREDENTIALS_MISSING",
      `${source} (profile "${profile}"): twauth login needs the app's consumer key and secret (CONSUMER_KEY and CONSUMER_SECRET, the portal's "API Key" and "API Key Secret"); a bearer token alone cannot sign a user in.`,
      { source, profile, keys: ["CONSUMER_KEY", "CONSUMER_SECRET"] },
    );
  }
  return { consumerKey: credentials.consumerKey, consumerSecret: credentials.consumerSecret };
}
