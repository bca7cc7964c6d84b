import type { LoadedConfig } from "@twauth/config";
import { createStore, loadConfig, settingsFromEnvironment } from "@twauth/config";
import type { ApiConnection, Credentials, SecretRecord, TwauthWarning } from "@twauth/core";
import { canonicalCredentialField, resolveCredentials } from "@twauth/core";
import type { CommandContext } from "../cli/command.js";
import { redactingBearerTokenCache } from "../setup/capturing-bearer-token-cache.js";
import { configOptions } from "../setup/config-options.js";
import type { Setup } from "../setup/load-setup.js";
import { openConnection } from "../setup/open-connection.js";
import type { RecordingStore } from "../setup/recording-store.js";
import { recordingStore } from "../setup/recording-store.js";
import { accessLevelCheck } from "./access-level-check.js";
import { failed, fromWarning, skipped } from "./check-results.js";
import { clockCheck } from "./clock-check.js";
import type { DoctorCheck } from "./doctor-check.js";
import { fileChecks } from "./file-checks.js";

const hygieneCodes = new Set(["FILE_PERMISSIONS", "FILE_NOT_GIT_IGNORED"]);

/** What the checks found so far: each check needs what the ones before it produced. */
interface Findings {
  loaded?: LoadedConfig;
  store?: RecordingStore;
  record?: SecretRecord;
  credentials?: Credentials;
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
  const findings: Findings = {};
  const checks = [
    await configCheck(context, findings),
    ...(await storeChecks(context, findings)),
    ...keyChecks(findings, auth),
    ...(await fileChecks(findings.loaded, context.io.platform)),
    await clockCheck(doctorBaseUrl(context, findings.loaded)),
  ];
  return [...checks, ...(await verifyChecks(context, findings))];
}

/**
 * `--base-url` > the config's (TWAUTH_BASE_URL already won over the file there) > TWAUTH_BASE_URL when
 * the config is missing or broken, so the clock check asks the API the user pointed twauth at.
 */
function doctorBaseUrl(context: CommandContext, loaded: LoadedConfig | undefined): string {
  const fromEnvironment = settingsFromEnvironment(context.io.env).baseUrl;
  return context.globals.baseUrl ?? loaded?.config.baseUrl ?? fromEnvironment ?? "https://api.x.com";
}

async function configCheck(context: CommandContext, findings: Findings): Promise<DoctorCheck> {
  try {
    const loaded = await loadConfig(configOptions(context));
    findings.loaded = loaded;
    context.output.detail(`config: ${loaded.filepath}`);
    return {
      status: "ok",
      check: "config",
      detail: `${loaded.filepath} is valid (store ${loaded.config.store.type}, profile "${loaded.config.profile}")`,
    };
  } catch (error) {
    return failed("config", error);
  }
}

async function storeChecks(context: CommandContext, findings: Findings): Promise<DoctorCheck[]> {
  const { loaded } = findings;
  if (loaded === undefined) return [skipped("store readable", "needs a valid config")];
  const warnings: TwauthWarning[] = [];
  const checks: DoctorCheck[] = [];
  try {
    const inner = await createStore(loaded.config.store, {
      filepath: loaded.filepath,
      onWarning: (warning) => warnings.push(warning),
    });
    const store = recordingStore(inner, context.redactor);
    findings.store = store;
    const record = await store.load({ profile: loaded.config.profile });
    findings.record = record;
    const count = Object.keys(record).length;
    checks.push({
      status: "ok",
      check: "store readable",
      detail: `${store.kind} store ${store.source}, profile "${loaded.config.profile}": ${count} ${count === 1 ? "key" : "keys"}`,
    });
  } catch (error) {
    checks.push(failed("store readable", error));
  }
  // Hygiene warnings get their own lines in the file checks.
  const others = warnings.filter((warning) => !hygieneCodes.has(warning.code));
  return [...checks, ...others.map((warning) => fromWarning("store readable", warning))];
}

function keyChecks(findings: Findings, auth: Credentials["type"] | undefined): DoctorCheck[] {
  const { loaded, store, record } = findings;
  if (record === undefined || store === undefined || loaded === undefined) {
    return [skipped("keys present", "needs a readable store")];
  }
  const warnings: TwauthWarning[] = [];
  const wanted = auth ?? loaded.config.auth;
  const checks: DoctorCheck[] = [];
  try {
    const credentials = resolveCredentials(record, {
      source: store.source,
      profile: loaded.config.profile,
      onWarning: (warning) => warnings.push(warning),
      ...(wanted === undefined ? {} : { auth: wanted }),
    });
    findings.credentials = credentials;
    const names = Object.keys(record).filter((key) => canonicalCredentialField(key) !== undefined);
    checks.push({
      status: "ok",
      check: "keys present",
      detail: `${credentials.type} credentials from ${names.join(", ")}`,
    });
  } catch (error) {
    checks.push(failed("keys present", error));
  }
  return [...checks, ...warnings.map((warning) => fromWarning("keys present", warning))];
}

async function verifyChecks(context: CommandContext, findings: Findings): Promise<DoctorCheck[]> {
  const { loaded, store, credentials } = findings;
  if (loaded === undefined || store === undefined || credentials === undefined) {
    return [
      skipped("credentials verified", "needs the keys"),
      skipped("app permissions", "needs verified credentials"),
    ];
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
    api = await openConnection(context, setup, {
      auth: credentials.type,
      bearerTokenCache: redactingBearerTokenCache(context.redactor),
    });
    const who = await api.verifyCredentials();
    const account =
      who.username === undefined
        ? `X accepted the ${who.tokenType} token`
        : `X accepted the ${who.tokenType} token of @${who.username}${who.id === undefined ? "" : ` (id ${who.id})`}`;
    return [{ status: "ok", check: "credentials verified", detail: account }, await accessLevelCheck(api)];
  } catch (error) {
    return [failed("credentials verified", error), skipped("app permissions", "needs verified credentials")];
  } finally {
    api?.close();
  }
}
