import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { BodyTooLargeError, type EmulatorRequest, readEmulatorRequest } from "../http/emulator-request.js";
import type { EmulatorResponse } from "../http/emulator-response.js";
import { resetSocket, startLoopbackServer, writeResponse } from "../http/loopback-server.js";
import { actionHandlers } from "./actions.js";
import { AwsError, amzJson11, awsErrorResponse, awsErrors, awsJsonResponse } from "./aws-errors.js";
import { CallStats, type SecretsManagerCall, type SecretsManagerStats } from "./call-stats.js";
import { FaultQueue, faultError, type SecretsManagerFault, type SecretsManagerTarget } from "./faults.js";
import {
  type AwsTestCredentials,
  type EmulatorSecret,
  type SecretsManagerAction,
  type SecretValueSeed,
  secretsManagerActions,
} from "./model.js";
import { normalizeSecretsManagerOptions, type SecretsManagerEmulatorOptions } from "./options.js";
import { SecretVault } from "./secret-vault.js";
import { verifySigV4 } from "./sigv4/verify-sigv4.js";

/**
 * A running Secrets Manager emulator: its endpoint, its call counts, and controls for secrets,
 * faults and access. `await using` stops it at the end of the scope.
 *
 * @example
 * await using sm = await startSecretsManagerEmulator();
 * sm.setSecret("prod/x-bot", { CONSUMER_KEY: "ck-test", CONSUMER_SECRET: "cs-test" });
 * sm.inject([{ error: "ThrottlingException" }], { action: "GetSecretValue" });
 */
export interface SecretsManagerEmulator extends AsyncDisposable {
  /** "http://127.0.0.1:PORT": the SDK client's `endpoint`. */
  readonly url: string;
  /** The port it listens on (the free one picked when `port` was 0). */
  readonly port: number;
  /** The loopback address it listens on. */
  readonly host: string;
  /** The region requests must be signed for. */
  readonly region: string;
  /** The account in secrets' ARNs. */
  readonly accountId: string;
  /** What a `SecretsManagerClient` needs to reach the emulator: endpoint, region, the first credentials. */
  readonly clientConfig: {
    readonly endpoint: string;
    readonly region: string;
    readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  };
  /** Every call received, with its action, secret id and answer. */
  readonly stats: SecretsManagerStats;
  /** Closes the server and every socket, cuts injected delays short. Idempotent. */
  stop(): Promise<void>;

  /** Creates a secret, or gives it a new AWSCURRENT version (a rotation). A JSON value is stored as text. */
  setSecret(name: string, value: SecretValueSeed): EmulatorSecret;
  /** By name or ARN: the AWSCURRENT value, version id and stages. */
  secret(secretId: string): EmulatorSecret | undefined;
  /** Deletes a secret by name or ARN; returns false when there was none. */
  deleteSecret(secretId: string): boolean;
  /** The names of every secret held. */
  secretNames(): string[];

  /** Queues faults, each used by one matching call, in order (no target: any call). */
  inject(faults: readonly SecretsManagerFault[], target?: SecretsManagerTarget): void;
  /** Drops every queued fault. */
  clearFaults(): void;
  /** Queued faults not yet used. */
  pendingFaults(): number;
  /** Answers AccessDeniedException to matching calls (after the signature check) until allowed again. */
  denyAccess(target: SecretsManagerTarget): void;
  /** Lifts the denial given with the same target, or every denial. */
  allowAccess(target?: SecretsManagerTarget): void;
}

const targetPrefix = "secretsmanager.";

/**
 * Starts a local Secrets Manager speaking the JSON 1.1 protocol (`POST /`, `X-Amz-Target:
 * secretsmanager.<Action>`), which the real `SecretsManagerClient` talks to through its `endpoint`
 * option. Every request's SigV4 signature is verified against the known test credentials.
 *
 * @example
 * await using sm = await startSecretsManagerEmulator({ secrets: { "prod/x-bot": { CONSUMER_KEY: "…" } } });
 * const client = new SecretsManagerClient(sm.clientConfig);
 */
export async function startSecretsManagerEmulator(
  options?: SecretsManagerEmulatorOptions,
): Promise<SecretsManagerEmulator> {
  const settings = normalizeSecretsManagerOptions(options);
  const { now } = settings;
  const vault = new SecretVault(settings.region, settings.accountId, now);
  for (const [name, value] of Object.entries(settings.secrets)) vault.set(name, value);
  const credentialsById = new Map(settings.credentials.map((keys) => [keys.accessKeyId, keys]));
  const stats = new CallStats(settings.maxRecordedCalls);
  const faults = new FaultQueue();
  // Set once listening; requests only arrive after that.
  let sleep: (ms: number) => Promise<boolean> = () => Promise.resolve(false);

  const write = (res: ServerResponse, response: EmulatorResponse) => writeResponse(res, response, now());

  interface CallState {
    at: number;
    action: SecretsManagerAction | null;
    secretId: string | null;
    accessKeyId: string | null;
    fault: boolean;
  }

  const finish = (call: CallState, status: number | null, errorType: string | null): SecretsManagerCall => {
    const record = stats.record({ ...call, status, errorType });
    settings.log?.(
      `${call.action ?? "unknown"} ${call.secretId ?? "-"} -> ${status ?? "no response"} ${errorType ?? "ok"}${call.accessKeyId ? ` key=${call.accessKeyId}` : ""}`,
    );
    return record;
  };

  /** The answer to one call, or null when the socket was reset or the emulator stopped. */
  const answer = async (request: EmulatorRequest, call: CallState, res: ServerResponse): Promise<unknown> => {
    if (request.method !== "POST" || request.path !== "/") throw awsErrors.unknownOperation();
    const target = header(request, "x-amz-target");
    const action = target?.startsWith(targetPrefix) ? target.slice(targetPrefix.length) : undefined;
    if (action === undefined || !secretsManagerActions.includes(action as SecretsManagerAction)) {
      throw awsErrors.unknownOperation();
    }
    call.action = action as SecretsManagerAction;
    const handler = actionHandlers[call.action];
    if (request.contentType !== amzJson11) {
      throw awsErrors.serialization(`Content-Type must be ${amzJson11}; got '${request.contentType}'.`);
    }
    const input = parseInput(request.body);
    call.secretId = typeof input === "object" ? (handler.secretId(input) ?? null) : null;

    const keys = await verifySigV4(request, {
      credentials: credentialsById,
      region: settings.region,
      service: "secretsmanager",
      now: now(),
      toleranceSeconds: settings.clockSkewToleranceSeconds,
    });
    call.accessKeyId = keys.accessKeyId;

    const known = call.secretId === null ? undefined : vault.find(call.secretId);
    const matched = {
      action: call.action,
      secretNames: new Set(
        [call.secretId, known?.name, known?.arn].filter((name): name is string => name != null),
      ),
    };
    const fault = faults.take(matched);
    if (fault !== undefined && fault.afterHandling !== true && !(await applyFault(fault, call, res)))
      return null;
    if (faults.denied(matched)) {
      throw awsErrors.accessDenied(principalOf(keys), call.action, vault.arnFor(call.secretId ?? "*"));
    }
    const result = handler.run(input, vault);
    if (fault?.afterHandling === true && !(await applyFault(fault, call, res))) return null;
    return result;
  };

  /** Waits, resets the socket or throws the fault's error; false when no answer must be sent. */
  const applyFault = async (fault: SecretsManagerFault, call: CallState, res: ServerResponse) => {
    call.fault = true;
    if (fault.delayMs !== undefined && !(await sleep(fault.delayMs))) return false;
    if (fault.resetSocket === true) {
      resetSocket(res);
      return false;
    }
    const error = faultError(fault);
    if (error !== undefined) throw error;
    call.fault = false;
    return true;
  };

  const handle = async (message: IncomingMessage, res: ServerResponse) => {
    const call: CallState = { at: now(), action: null, secretId: null, accessKeyId: null, fault: false };
    const requestId = randomUUID();
    let request: EmulatorRequest;
    try {
      request = await readEmulatorRequest(message, 1024 * 1024);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        const tooLarge = new AwsError("RequestEntityTooLargeException", error.message, 413);
        write(res, awsErrorResponse(tooLarge, requestId));
        finish(call, 413, tooLarge.type);
      } else {
        finish(call, null, null);
      }
      return;
    }
    let result: unknown;
    try {
      result = await answer(request, call, res);
    } catch (error) {
      if (!(error instanceof AwsError)) settings.log?.(`emulator bug: ${(error as Error).message}`);
      const awsError = error instanceof AwsError ? error : awsErrors.internal();
      write(res, awsErrorResponse(awsError, requestId));
      finish(call, awsError.status, awsError.type);
      return;
    }
    if (result === null) {
      res.destroy();
      finish(call, null, null);
      return;
    }
    write(res, awsJsonResponse(result, requestId));
    finish(call, 200, null);
  };

  const server = await startLoopbackServer(settings.host, settings.port, handle, settings.log);
  sleep = server.sleep;
  const { url, stop } = server;

  const first = settings.credentials[0]!;
  return {
    url,
    port: server.port,
    host: settings.host,
    region: settings.region,
    accountId: settings.accountId,
    clientConfig: {
      endpoint: url,
      region: settings.region,
      credentials: {
        accessKeyId: first.accessKeyId,
        secretAccessKey: first.secretAccessKey,
        ...(first.sessionToken === undefined ? {} : { sessionToken: first.sessionToken }),
      },
    },
    stats,
    stop,
    [Symbol.asyncDispose]: stop,
    setSecret: (name, value) => vault.set(name, value),
    secret: (secretId) => vault.view(secretId),
    deleteSecret: (secretId) => vault.delete(secretId),
    secretNames: () => vault.names(),
    inject: (list, target = {}) => faults.inject(list, target),
    clearFaults: () => faults.clear(),
    pendingFaults: () => faults.pending(),
    denyAccess: (target) => faults.deny(target),
    allowAccess: (target) => faults.allow(target),
  };

  function principalOf(keys: AwsTestCredentials): string {
    return keys.principalArn ?? `arn:aws:iam::${settings.accountId}:user/${keys.accessKeyId}`;
  }
}

function parseInput(body: string): Record<string, unknown> {
  let input: unknown;
  try {
    input = body.length === 0 ? {} : JSON.parse(body);
  } catch {
    throw awsErrors.serialization("The request body is not valid JSON.");
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw awsErrors.serialization("The request body must be a JSON object.");
  }
  return input as Record<string, unknown>;
}

function header(request: EmulatorRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
