import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { BodyTooLargeError, type EmulatorRequest, readEmulatorRequest } from "../http/emulator-request.js";
import type { EmulatorResponse } from "../http/emulator-response.js";
import { resetSocket, writeResponse } from "../http/loopback-server.js";
import { actionHandlers } from "./actions.js";
import { AwsError, amzJson11, awsErrorResponse, awsErrors, awsJsonResponse } from "./aws-errors.js";
import type { CallStats } from "./call-stats.js";
import type { FaultQueue, SecretsManagerFault } from "./faults.js";
import { faultError } from "./faults.js";
import { type AwsTestCredentials, type SecretsManagerAction, secretsManagerActions } from "./model.js";
import type { NormalizedSecretsManagerOptions } from "./options.js";
import type { SecretVault } from "./secret-vault.js";
import { verifySigV4 } from "./sigv4/verify-sigv4.js";

/** Everything one Secrets Manager emulator holds: the call handler reads it, the controls change it. */
export interface SecretsManagerState {
  readonly settings: NormalizedSecretsManagerOptions;
  readonly vault: SecretVault;
  readonly credentialsById: ReadonlyMap<string, AwsTestCredentials>;
  readonly stats: CallStats;
  readonly faults: FaultQueue;
  /** Waits ms (a fault's delay); false when the emulator stopped first. */
  sleep: (ms: number) => Promise<boolean>;
}

interface CallState {
  at: number;
  action: SecretsManagerAction | null;
  secretId: string | null;
  accessKeyId: string | null;
  fault: boolean;
}

const targetPrefix = "secretsmanager.";
const maxBodyBytes = 1024 * 1024;

/** Answers one call: AWS's JSON on success, AWS's error shape otherwise, nothing after a reset. */
export async function handleCall(
  state: SecretsManagerState,
  message: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const call: CallState = {
    at: state.settings.now(),
    action: null,
    secretId: null,
    accessKeyId: null,
    fault: false,
  };
  const requestId = randomUUID();
  const write = (response: EmulatorResponse) => writeResponse(res, response, state.settings.now());
  let request: EmulatorRequest;
  try {
    request = await readEmulatorRequest(message, maxBodyBytes);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) return finish(state, call, null, null);
    const tooLarge = new AwsError("RequestEntityTooLargeException", error.message, 413);
    write(awsErrorResponse(tooLarge, requestId));
    return finish(state, call, 413, tooLarge.type);
  }
  let result: unknown;
  try {
    result = await answer(state, request, call, res);
  } catch (error) {
    if (!(error instanceof AwsError)) state.settings.log?.(`emulator bug: ${(error as Error).message}`);
    const awsError = error instanceof AwsError ? error : awsErrors.internal();
    write(awsErrorResponse(awsError, requestId));
    return finish(state, call, awsError.status, awsError.type);
  }
  if (result === null) {
    res.destroy();
    return finish(state, call, null, null);
  }
  write(awsJsonResponse(result, requestId));
  finish(state, call, 200, null);
}

function finish(
  state: SecretsManagerState,
  call: CallState,
  status: number | null,
  errorType: string | null,
): void {
  state.stats.record({ ...call, status, errorType });
  const key = call.accessKeyId ? ` key=${call.accessKeyId}` : "";
  state.settings.log?.(
    `${call.action ?? "unknown"} ${call.secretId ?? "-"} -> ${status ?? "no response"} ${errorType ?? "ok"}${key}`,
  );
}

/** The answer to one call, or null when the socket was reset or the emulator stopped. */
async function answer(
  state: SecretsManagerState,
  request: EmulatorRequest,
  call: CallState,
  res: ServerResponse,
): Promise<unknown> {
  const action = readAction(request);
  call.action = action;
  const handler = actionHandlers[action];
  if (request.contentType !== amzJson11) {
    throw awsErrors.serialization(`Content-Type must be ${amzJson11}; got '${request.contentType}'.`);
  }
  const input = parseInput(request.body);
  call.secretId = handler.secretId(input) ?? null;
  const keys = await verifySigV4(request, {
    credentials: state.credentialsById,
    region: state.settings.region,
    service: "secretsmanager",
    now: state.settings.now(),
    toleranceSeconds: state.settings.clockSkewToleranceSeconds,
  });
  call.accessKeyId = keys.accessKeyId;

  const known = call.secretId === null ? undefined : state.vault.find(call.secretId);
  const names = [call.secretId, known?.name, known?.arn].filter((name): name is string => name != null);
  const matched = { action, secretNames: new Set(names) };
  const fault = state.faults.take(matched);
  if (fault !== undefined && fault.afterHandling !== true && !(await applyFault(state, fault, call, res)))
    return null;
  if (state.faults.denied(matched)) {
    throw awsErrors.accessDenied(principalOf(state, keys), action, state.vault.arnFor(call.secretId ?? "*"));
  }
  const result = handler.run(input, state.vault);
  if (fault?.afterHandling === true && !(await applyFault(state, fault, call, res))) return null;
  return result;
}

/** The action the X-Amz-Target header names, once the method and path are AWS's. */
function readAction(request: EmulatorRequest): SecretsManagerAction {
  if (request.method !== "POST" || request.path !== "/") throw awsErrors.unknownOperation();
  const target = header(request, "x-amz-target");
  const action = target?.startsWith(targetPrefix) ? target.slice(targetPrefix.length) : undefined;
  if (action === undefined || !secretsManagerActions.includes(action as SecretsManagerAction)) {
    throw awsErrors.unknownOperation();
  }
  return action as SecretsManagerAction;
}

/** Waits, resets the socket or throws the fault's error; false when no answer must be sent. */
async function applyFault(
  state: SecretsManagerState,
  fault: SecretsManagerFault,
  call: CallState,
  res: ServerResponse,
): Promise<boolean> {
  call.fault = true;
  if (fault.delayMs !== undefined && !(await state.sleep(fault.delayMs))) return false;
  if (fault.resetSocket === true) {
    resetSocket(res);
    return false;
  }
  const error = faultError(fault);
  if (error !== undefined) throw error;
  call.fault = false;
  return true;
}

function principalOf(state: SecretsManagerState, keys: AwsTestCredentials): string {
  return keys.principalArn ?? `arn:aws:iam::${state.settings.accountId}:user/${keys.accessKeyId}`;
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
