import type { LoadedConfig } from "@twauth/config";
import { createStore, loadConfig } from "@twauth/config";
import type { ApiConnection, Credentials, SecretRecord, TwauthWarning } from "@twauth/core";
import { canonicalCredentialField, isTwauthError, resolveCredentials } from "@twauth/core";
import { checkFileHygiene } from "@twauth/store-kit";
import type { CommandContext } from "../cli/command.js";
import { ExitCode, exitCodeForError } from "../cli/exit-codes.js";
import { formatDuration } from "../output/rate-limit-text.js";
import type { Setup } from "../setup/load-setup.js";
import { openConnection } from "../setup/open-connection.js";
import type { RecordingStore } from "../setup/recording-store.js";
import { recordingStore } from "../setup/recording-store.js";
import { clockSkewFailMs, clockSkewWarnMs, measureClockSkew } from "./clock-skew.js";
import type { DoctorCheck } from "./doctor-check.js";
import { storeFiles } from "./store-files.js";

const hygieneCodes = new Set(["FILE_PERMISSIONS", "FILE_NOT_GIT_IGNORED"]);

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function failed(check: string, error: unknown, fix?: string): DoctorCheck {
  return {
    status: "fail",
    check,
    detail: message(error),
    ...(fix === undefined ? {} : { fix }),
    exitCode: exitCodeForError(error),
  };
}

function skipped(check: string, detail: string): DoctorCheck {
  return { status: "skip", check, detail };
}

/** A warning's message split into what was found and what to do (the kit writes "found; fix"). */
function fromWarning(check: string, warning: TwauthWarning): DoctorCheck {
  const split = warning.message.indexOf("; ");
  return split === -1
    ? { status: "warn", check, detail: warning.message }
    : {
        status: "warn",
        check,
        detail: warning.message.slice(0, split),
        fix: warning.message.slice(split + 2),
      };
}

/**
 * Every check a user needs when auth fails, in the order each depends on the one before: config,
 * store, keys, the store's files, the clock against the API, the credentials, the app's permission.
 * A check that cannot run after an earlier failure is listed as `skip`, so the output has the same
 * lines every time.
 */
export async function runDoctor(
  context: CommandContext,
  auth: Credentials["type"] | undefined,
): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const storeWarnings: TwauthWarning[] = [];

  let loaded: LoadedConfig | undefined;
  try {
    loaded = await loadConfig({
      cwd: context.io.cwd,
      env: context.io.env,
      ...(context.globals.configPath === undefined ? {} : { configPath: context.globals.configPath }),
      ...(context.globals.profile === undefined ? {} : { profile: context.globals.profile }),
    });
    context.output.detail(`config: ${loaded.filepath}`);
    checks.push({
      status: "ok",
      check: "config",
      detail: `${loaded.filepath} is valid (store ${loaded.config.store.type}, profile "${loaded.config.profile}")`,
    });
  } catch (error) {
    checks.push(failed("config", error));
  }

  let store: RecordingStore | undefined;
  let record: SecretRecord | undefined;
  if (loaded === undefined) {
    checks.push(skipped("store readable", "needs a valid config"));
  } else {
    try {
      const inner = await createStore(loaded.config.store, {
        filepath: loaded.filepath,
        onWarning: (warning) => storeWarnings.push(warning),
      });
      store = recordingStore(inner, context.redactor);
      record = await store.load({ profile: loaded.config.profile });
      const count = Object.keys(record).length;
      checks.push({
        status: "ok",
        check: "store readable",
        detail: `${store.kind} store ${store.source}, profile "${loaded.config.profile}": ${count} ${count === 1 ? "key" : "keys"}`,
      });
    } catch (error) {
      checks.push(failed("store readable", error));
    }
    for (const warning of storeWarnings.filter((w) => !hygieneCodes.has(w.code))) {
      checks.push(fromWarning("store readable", warning));
    }
  }

  let credentials: Credentials | undefined;
  if (record === undefined || store === undefined || loaded === undefined) {
    checks.push(skipped("keys present", "needs a readable store"));
  } else {
    const keyWarnings: TwauthWarning[] = [];
    const wanted = auth ?? loaded.config.auth;
    try {
      credentials = resolveCredentials(record, {
        source: store.source,
        profile: loaded.config.profile,
        onWarning: (warning) => keyWarnings.push(warning),
        ...(wanted === undefined ? {} : { auth: wanted }),
      });
      const names = Object.keys(record).filter((key) => canonicalCredentialField(key) !== undefined);
      checks.push({
        status: "ok",
        check: "keys present",
        detail: `${credentials.type} credentials from ${names.join(", ")}`,
      });
    } catch (error) {
      checks.push(failed("keys present", error));
    }
    for (const warning of keyWarnings) checks.push(fromWarning("keys present", warning));
  }

  checks.push(...(await fileChecks(loaded, context.io.platform)));

  const baseUrl = context.globals.baseUrl ?? loaded?.config.baseUrl ?? "https://api.x.com";
  checks.push(await clockCheck(baseUrl));

  if (loaded === undefined || store === undefined || credentials === undefined) {
    checks.push(skipped("credentials verified", "needs the keys"));
    checks.push(skipped("app permissions", "needs verified credentials"));
    return checks;
  }
  const setup: Setup = {
    filepath: loaded.filepath,
    config: loaded.config,
    store,
    profile: loaded.config.profile,
    baseUrl: context.globals.baseUrl ?? loaded.config.baseUrl,
  };
  let api: ApiConnection | undefined;
  try {
    api = await openConnection(context, setup, { auth: credentials.type });
    const who = await api.verifyCredentials();
    checks.push({
      status: "ok",
      check: "credentials verified",
      detail:
        who.username === undefined
          ? `X accepted the ${who.tokenType} token`
          : `X accepted the ${who.tokenType} token of @${who.username}${who.id === undefined ? "" : ` (id ${who.id})`}`,
    });
    checks.push(await accessLevelCheck(api));
  } catch (error) {
    checks.push(failed("credentials verified", error));
    checks.push(skipped("app permissions", "needs verified credentials"));
  } finally {
    api?.close();
  }
  return checks;
}

/** File permissions and git-ignore status of the store's files, through the stores' own hygiene check. */
async function fileChecks(
  loaded: LoadedConfig | undefined,
  platform: NodeJS.Platform,
): Promise<DoctorCheck[]> {
  if (loaded === undefined) {
    return [
      skipped("file permissions", "needs a valid config"),
      skipped("git ignore", "needs a valid config"),
    ];
  }
  const files = storeFiles(loaded.config.store);
  if (files.length === 0) {
    const detail = `the ${loaded.config.store.type} store has no file`;
    return [skipped("file permissions", detail), skipped("git ignore", detail)];
  }
  const warnings: TwauthWarning[] = [];
  for (const file of files) await checkFileHygiene(file, { onWarning: (warning) => warnings.push(warning) });
  const permissions = warnings.filter((warning) => warning.code === "FILE_PERMISSIONS");
  const ignored = warnings.filter((warning) => warning.code === "FILE_NOT_GIT_IGNORED");
  const list = files.join(", ");
  const permissionChecks =
    platform === "win32"
      ? [skipped("file permissions", "not checked on Windows")]
      : permissions.length === 0
        ? [
            {
              status: "ok" as const,
              check: "file permissions",
              detail: `${list}: readable by the owner only`,
            },
          ]
        : permissions.map((warning) => fromWarning("file permissions", warning));
  const ignoreChecks =
    ignored.length === 0
      ? [
          {
            status: "ok" as const,
            check: "git ignore",
            detail: `${list}: ignored by git, or outside a git work tree`,
          },
        ]
      : ignored.map((warning) => fromWarning("git ignore", warning));
  return [...permissionChecks, ...ignoreChecks];
}

async function clockCheck(baseUrl: string): Promise<DoctorCheck> {
  try {
    const { skewMs, host } = await measureClockSkew(baseUrl);
    // Whole seconds: the date header has no more precision than that.
    const size = Math.round(Math.abs(skewMs) / 1000) * 1000;
    const direction = skewMs > 0 ? "behind" : "ahead of";
    const detail =
      size < 1000
        ? `within a second of ${host}'s date header`
        : `this machine is ${formatDuration(size)} ${direction} ${host}'s date header`;
    if (size > clockSkewFailMs) {
      return {
        status: "fail",
        check: "clock",
        detail: `${detail}; X refuses OAuth 1.0a timestamps more than 5 minutes off (401, code 135)`,
        fix: "sync the clock (NTP: timedatectl set-ntp true, or your OS's date settings)",
        exitCode: ExitCode.auth,
      };
    }
    if (size > clockSkewWarnMs) {
      return {
        status: "warn",
        check: "clock",
        detail: `${detail}; X refuses beyond 5 minutes`,
        fix: "sync the clock (NTP) before it drifts further",
      };
    }
    return { status: "ok", check: "clock", detail };
  } catch (error) {
    return failed(
      "clock",
      error,
      isTwauthError(error, "NETWORK_ERROR") ? "check the network and baseUrl (or --base-url)" : undefined,
    );
  }
}

const accessLevels: Readonly<Record<string, string>> = {
  read: "read only",
  "read-write": "read and write",
  "read-write-directmessages": "read, write and direct messages",
};

/** X tells a user token's permission in `x-access-level` on v1.1 responses. */
async function accessLevelCheck(api: ApiConnection): Promise<DoctorCheck> {
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
    return { status: "warn", check: "app permissions", detail: `could not read them: ${message(error)}` };
  }
}
