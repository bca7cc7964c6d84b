import type { TwauthErrorCode } from "@twauth/core";
import { TwauthError } from "@twauth/core";
import { AwsErrorSummary } from "./aws-error-summary.js";
import type { SecretLocation } from "./secret-location.js";

/** The Secrets Manager calls the store makes. */
export type StoreAction = "GetSecretValue" | "PutSecretValue" | "CreateSecret";

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

/**
 * Turns an AWS SDK error into a TwauthError naming the secret and region, with advice, and a
 * sanitized cause (see AwsErrorSummary). `secrets` are values that must not appear even in AWS's
 * message (the ones being written, the ones last read).
 */
export function storeErrorFromAws(
  error: unknown,
  where: SecretLocation,
  action: StoreAction,
  secrets: readonly string[],
): TwauthError {
  const summary = new AwsErrorSummary(error, secrets);
  const name = summary.name;
  const writing = action !== "GetSecretValue";
  const failed: TwauthErrorCode = writing ? "STORE_WRITE_FAILED" : "STORE_UNREADABLE";
  const secret = where.describe();
  const status = summary.$metadata?.httpStatusCode;
  const context = { ...where.context(), ...(status === undefined ? {} : { status }) };
  const withCause = { ...context, cause: summary };

  if (name === "AbortError") {
    return new TwauthError("ABORTED", `${secret}: ${action} was aborted.`, context);
  }
  if (name === "ResourceNotFoundException") {
    const hint = writing
      ? "check the secret id and region (twauth creates a missing secret only when its id is a name, not an ARN)"
      : "check the secret id and region, or create the secret";
    return new TwauthError(
      "STORE_NOT_FOUND",
      `${secret} does not exist (ResourceNotFoundException from ${action}); ${hint}.`,
      context,
    );
  }
  if (name === "AccessDeniedException") {
    const resource = /on resource: (\S+)/.exec(summary.message)?.[1] ?? resourceArn(where);
    // ARNs end in a random suffix that can spell "kms" by chance: look at the words around them only.
    const aboutKms = /\bkms\b/i.test(summary.message.replace(/arn:\S+/g, ""));
    const kms = aboutKms ? ", and kms:Decrypt on the secret's KMS key" : "";
    return new TwauthError(
      failed,
      `${secret}: access denied (AccessDeniedException from ${action}); check the IAM policy allows secretsmanager:${action} on ${resource}${kms}.`,
      withCause,
    );
  }
  if (name === "DecryptionFailure" || name === "KMSAccessDeniedException") {
    return new TwauthError(
      failed,
      `${secret}: Secrets Manager could not use the secret's KMS key (${name}); check kms:Decrypt (and kms:GenerateDataKey to write) on that key for this role.`,
      withCause,
    );
  }
  if (credentialErrors.has(name)) {
    const clock = /expired|not yet current/i.test(summary.message)
      ? " If it says the signature expired, fix the machine's clock."
      : "";
    return new TwauthError(
      failed,
      `${secret}: AWS rejected the credentials the request was signed with (${name}); check the AWS access key and secret (AWS_ACCESS_KEY_ID, AWS_PROFILE, the role), or log in again if the session expired.${clock}`,
      withCause,
    );
  }
  if (name === "CredentialsProviderError") {
    return new TwauthError(
      failed,
      `${secret}: the AWS SDK found no credentials (CredentialsProviderError); set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or run where a role is attached, or pass clientConfig.credentials.`,
      withCause,
    );
  }
  if (/region is missing/i.test(summary.message)) {
    return new TwauthError(
      "OPTIONS_INVALID",
      `${secret}: no AWS region is configured; set the store's region option (or clientConfig.region) or AWS_REGION.`,
      { ...withCause, keys: ["region"] },
    );
  }
  if (throttlingErrors.has(name)) {
    return new TwauthError(
      "RATE_LIMITED",
      `${secret}: Secrets Manager throttled ${action} (${name}); keep the store's cache on (maxAge) and share one store between connections so they share one call, or raise the SDK's maxAttempts to retry with backoff.`,
      withCause,
    );
  }
  if (networkCodes.has(summary.code) || name === "TimeoutError" || name === "RequestTimeout") {
    return new TwauthError(
      "NETWORK_ERROR",
      `${secret}: ${action} could not reach Secrets Manager (${summary.code}); check the network, a VPC endpoint or proxy, and the endpoint option if one is set.`,
      withCause,
    );
  }
  if (summary.$fault === "server" || (status !== undefined && status >= 500)) {
    return new TwauthError(
      "NETWORK_ERROR",
      `${secret}: Secrets Manager failed to answer ${action} (${name}${status === undefined ? "" : `, HTTP ${status}`}); try again later.`,
      withCause,
    );
  }
  return new TwauthError(failed, `${secret}: ${action} failed (${name}: ${summary.message})`, withCause);
}

/** The ARN an IAM policy names for a secret, when AWS did not say it. */
function resourceArn(where: SecretLocation): string {
  if (where.secretId.startsWith("arn:")) return where.secretId;
  return `arn:aws:secretsmanager:${where.region ?? "REGION"}:ACCOUNT_ID:secret:${where.secretId}-??????`;
}
