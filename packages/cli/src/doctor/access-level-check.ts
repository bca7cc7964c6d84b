import type { ApiConnection } from "@twauth/core";
import { errorMessage, skipped } from "./check-results.js";
import type { DoctorCheck } from "./doctor-check.js";

const accessLevels: Readonly<Record<string, string>> = {
  read: "read only",
  "read-write": "read and write",
  "read-write-directmessages": "read, write and direct messages",
};

/** X tells a user token's permission in `x-access-level` on v1.1 responses. */
export async function accessLevelCheck(api: ApiConnection): Promise<DoctorCheck> {
  if (api.tokenType !== "user") {
    return skipped(
      "app permissions",
      `X reveals the access level for OAuth 1.0a user tokens; this is ${api.tokenType}`,
    );
  }
  try {
    const response = await api.get("/1.1/account/verify_credentials.json", {
      query: { include_entities: false, skip_status: true },
    });
    const level = response.headers["x-access-level"];
    if (level === undefined) return skipped("app permissions", "X sent no x-access-level header");
    const described = accessLevels[level] ?? level;
    if (level === "read") {
      return {
        status: "warn",
        check: "app permissions",
        detail: `the access token is ${described} (x-access-level: read): posting will get 403`,
        fix: "set the app to Read and write in the developer portal, then sign in again (twauth login): a token keeps the permission it was made with",
      };
    }
    return {
      status: "ok",
      check: "app permissions",
      detail: `the access token is ${described} (x-access-level: ${level})`,
    };
  } catch (error) {
    return {
      status: "warn",
      check: "app permissions",
      detail: `could not read them: ${errorMessage(error)}`,
    };
  }
}
