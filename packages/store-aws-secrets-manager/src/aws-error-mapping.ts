import type { TwauthErrorCode } from "@twauth/core";
import { TwauthError } from "@twauth/core";
import { abortedError } from "@twauth/store-kit";
import { AwsErrorSummary } from "./aws-error-summary.js";
import type { SecretLocation } from "./secret-location.js";

/** The Secrets Manager calls the store makes. */
export type StoreAction = "GetSecretValue" | "PutSecretValue" | "CreateSecret" | "UpdateSecretVersionStage";

const credentialErrors = new Set([
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "SignatureDoesNotMatch",
  "IncompleteSignatureException",
  "MissingAuthenticationTokenException",
  "ExpiredTokenException",
  "InvalidClientTokenId",
]);

const throttlingErrors = new Set([
  "ThrottlingException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "Throttling",
  "RequestThrottled",
]);

const networkCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EPIPE",
  "ECONNABORTED",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ERR_SOCKET_CONNECTION_TIMEOUT",
]);

/** What every rule below reads: the error, where it happened, and the context to attach. */
interface AwsFailure {
  readonly summary: AwsErrorSummary;
  readonly name: string;
  readonly where: SecretLocation;
  readonly action: StoreAction;
  /** `STORE_WRITE_FAILED` for a write, `STORE_UNREADABLE` for a read. */
  readonly failed: TwauthErrorCode;
  /** The secret named for messages. */
  readonly secret: string;
  readonly context: { source: string; profile: string; status?: number };
  readonly withCause: { source: string; profile: string; status?: number; cause: AwsErrorSummary };
}

type Rule = (failure: AwsFailure) => TwauthError | undefined;

/**
 * Turns an AWS SDK error into a TwauthError naming the secret and region, with advice, and a
 * sanitized cause (see AwsErrorSummary). `secrets` are values that must not appear even in AWS's
 * message (the ones being written, the ones last read). The first rule that recognises the error wins.
 */
export function storeErrorFromAws(
  error: unknown,
  where: SecretLocation,
  action: StoreAction,
  secrets: readonly string[],
): TwauthError {
  const summary = new AwsErrorSummary(error, secrets);
  const status = summary.$metadata?.httpStatusCode;
  const context = { ...where.context(), ...(status === undefined ? {} : { status }) };
  const failure: AwsFailure = {
    summary,
    name: summary.name,
    where,
    action,
    failed: action === "GetSecretValue" ? "STORE_UNREADABLE" : "STORE_WRITE_FAILED",
    secret: where.describe(),
    context,
    withCause: { ...context, cause: summary },
  };
  for (const rule of rules) {
    const mapped = rule(failure);
    if (mapped !== undefined) return mapped;
  }
  return new TwauthError(
    failure.failed,
    `${failure.secret}: ${action} failed (${failure.name}: ${summary.message})`,
    failure.withCause,
  );
}

const aborted: Rule = ({ name, where }) =>
  name === "AbortError" ? abortedError(where.source, undefined) : undefined;

const notFound: Rule = ({ name, action, secret, context }) => {
  if (name !== "ResourceNotFoundException") return undefined;
  const hint =
    action !== "GetSecretValue"
      ? "check the secret id and region (twauth creates a missing secret only when its id is a name, not an ARN)"
      : "check the secret id and region, or create the secret";
  return new TwauthError(
    "STORE_NOT_FOUND",
    `${secret} does not exist (ResourceNotFoundException from ${action}); ${hint}.`,
    context,
  );
};

const accessDenied: Rule = ({ name, summary, where, action, failed, secret, withCause }) => {
  if (name !== "AccessDeniedException") return undefined;
  const resource = /on resource: (\S+)/.exec(summary.message)?.[1] ?? resourceArn(where);
  // ARNs end in a random suffix that can spell "kms" by chance: look at the words around them only.
  const aboutKms = /\bkms\b/i.test(summary.message.replace(/arn:\S+/g, ""));
  const kms = aboutKms ? ", and kms:Decrypt on the secret's KMS key" : "";
  return new TwauthError(
    failed,
    `${secret}: access denied (AccessDeniedException from ${action}); check the IAM policy allows secretsmanager:${action} on ${resource}${kms}.`,
    withCause,
  );
};

const kmsKey: Rule = ({ name, failed, secret, withCause }) =>
  name === "DecryptionFailure" || name === "KMSAccessDeniedException"
    ? new TwauthError(
        failed,
        `${secret}: Secrets Manager could not use the secret's KMS key (${name}); check kms:Decrypt (and kms:GenerateDataKey to write) on that key for this role.`,
        withCause,
      )
    : undefined;

const rejectedCredentials: Rule = ({ name, summary, failed, secret, withCause }) => {
  if (!credentialErrors.has(name)) return undefined;
  const clock = /expired|not yet current/i.test(summary.message)
    ? " If it says the signature expired, fix the machine's clock."
    : "";
  return new TwauthError(
    failed,
    `${secret}: AWS rejected the credentials the request was signed with (${name}); check the AWS access key and secret (AWS_ACCESS_KEY_ID, AWS_PROFILE, the role), or log in again if the session expired.${clock}`,
    withCause,
  );
};

const noCredentials: Rule = ({ name, failed, secret, withCause }) =>
  name === "CredentialsProviderError"
    ? new TwauthError(
        failed,
        `${secret}: the AWS SDK found no credentials (CredentialsProviderError); set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or run where a role is attached, or pass clientConfig.credentials.`,
        withCause,
      )
    : undefined;

const noRegion: Rule = ({ summary, secret, withCause }) =>
  /region is missing/i.test(summary.message)
    ? new TwauthError(
        "OPTIONS_INVALID",
        `${secret}: no AWS region is configured; set the store's region option (or clientConfig.region) or AWS_REGION.`,
        { ...withCause, keys: ["region"] },
      )
    : undefined;

const throttled: Rule = ({ name, action, secret, withCause }) =>
  throttlingErrors.has(name)
    ? new TwauthError(
        "RATE_LIMITED",
        `${secret}: Secrets Manager throttled ${action} (${name}); keep the store's cache on (maxAge) and share one store between connections so they share one call, or raise the SDK's maxAttempts to retry with backoff.`,
        withCause,
      )
    : undefined;

const unreachable: Rule = ({ name, summary, action, secret, withCause }) =>
  networkCodes.has(summary.code) || name === "TimeoutError" || name === "RequestTimeout"
    ? new TwauthError(
        "NETWORK_ERROR",
        `${secret}: ${action} could not reach Secrets Manager (${summary.code}); check the network, a VPC endpoint or proxy, and the endpoint option if one is set.`,
        withCause,
      )
    : undefined;

const serverFault: Rule = ({ name, summary, action, secret, context, withCause }) => {
  const status = context.status;
  if (summary.$fault !== "server" && (status === undefined || status < 500)) return undefined;
  return new TwauthError(
    "NETWORK_ERROR",
    `${secret}: Secrets Manager failed to answer ${action} (${name}${status === undefined ? "" : `, HTTP ${status}`}); try again later.`,
    withCause,
  );
};

const rules: readonly Rule[] = [
  aborted,
  notFound,
  accessDenied,
  kmsKey,
  rejectedCredentials,
  noCredentials,
  noRegion,
  throttled,
  unreachable,
  serverFault,
];

/** The ARN an IAM policy names for a secret, when AWS did not say it. */
function resourceArn(where: SecretLocation): string {
  if (where.secretId.startsWith("arn:")) return where.secretId;
  return `arn:aws:secretsmanager:${where.region ?? "REGION"}:ACCOUNT_ID:secret:${where.secretId}-??????`;
}
