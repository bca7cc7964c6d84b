import { describe, expect, it } from "vitest";
import { storeErrorFromAws } from "../src/aws-error-mapping.js";
import { SecretLocation } from "../src/secret-location.js";

// Regression: the emulator's ARNs end in a random suffix; one that spelled "KmS" made the
// access-denied advice mention KMS at random (a flaky test). Built from an error object shaped like
// the SDK's, since the point is the text of AWS's message.
function accessDenied(message: string) {
  return Object.assign(new Error(message), {
    name: "AccessDeniedException",
    $metadata: { httpStatusCode: 400 },
  });
}

describe("access-denied advice", () => {
  const where = new SecretLocation("prod/x-bot", "us-east-1", "default", "prod/x-bot (us-east-1)");
  const arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/x-bot-OvgKmS";

  it("does not mention KMS because the secret's ARN happens to contain the letters kms", () => {
    const error = storeErrorFromAws(
      accessDenied(`User is not authorized to perform: secretsmanager:PutSecretValue on resource: ${arn}`),
      where,
      "PutSecretValue",
      [],
    );
    expect(error.code).toBe("STORE_WRITE_FAILED");
    expect(error.message).toBe(
      `AWS Secrets Manager secret "prod/x-bot" (us-east-1): access denied (AccessDeniedException from PutSecretValue); check the IAM policy allows secretsmanager:PutSecretValue on ${arn}.`,
    );
  });

  it("mentions kms:Decrypt when AWS's message is about the KMS key", () => {
    const error = storeErrorFromAws(
      accessDenied(`Access to KMS is not allowed for resource: ${arn}`),
      where,
      "GetSecretValue",
      [],
    );
    expect(error.code).toBe("STORE_UNREADABLE");
    expect(error.message).toContain(", and kms:Decrypt on the secret's KMS key.");
  });
});
