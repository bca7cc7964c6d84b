import type { EmulatorResponse } from "../http/emulator-response.js";

/** The JSON 1.1 protocol's media type, for requests and answers alike. */
export const amzJson11 = "application/x-amz-json-1.1";

/**
 * An error as Secrets Manager answers it: a JSON body `{"__type","message"}`, the same type in the
 * `x-amzn-errortype` header, status 400 for client errors (the JSON protocols use 400 even for
 * throttling and access denied) and 500 for the service's own.
 */
export class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export function awsErrorResponse(error: AwsError, requestId: string): EmulatorResponse {
  return {
    status: error.status,
    headers: {
      "content-type": amzJson11,
      "x-amzn-requestid": requestId,
      "x-amzn-errortype": error.type,
    },
    body: JSON.stringify({ __type: error.type, message: error.message }),
  };
}

export function awsJsonResponse(value: unknown, requestId: string): EmulatorResponse {
  return {
    status: 200,
    headers: { "content-type": amzJson11, "x-amzn-requestid": requestId },
    body: JSON.stringify(value),
  };
}

/** The errors the emulator answers, with AWS's wording where it is known. */
export const awsErrors = {
  missingAuthenticationToken: () =>
    new AwsError("MissingAuthenticationTokenException", "Missing Authentication Token"),
  incompleteSignature: (detail: string) => new AwsError("IncompleteSignatureException", detail),
  unrecognizedClient: () =>
    new AwsError("UnrecognizedClientException", "The security token included in the request is invalid."),
  signatureMismatch: () =>
    new AwsError(
      "InvalidSignatureException",
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
    ),
  invalidSignature: (detail: string) => new AwsError("InvalidSignatureException", detail),
  unknownOperation: () => new AwsError("UnknownOperationException", ""),
  serialization: (detail: string) => new AwsError("SerializationException", detail),
  invalidParameter: (detail: string) => new AwsError("InvalidParameterException", detail),
  invalidRequest: (detail: string) => new AwsError("InvalidRequestException", detail),
  resourceNotFound: () =>
    new AwsError("ResourceNotFoundException", "Secrets Manager can't find the specified secret."),
  resourceNotFoundVersion: (what: string) =>
    new AwsError(
      "ResourceNotFoundException",
      `Secrets Manager can't find the specified secret value for ${what}.`,
    ),
  resourceExists: (detail: string) => new AwsError("ResourceExistsException", detail),
  accessDenied: (principalArn: string, action: string, resourceArn: string) =>
    new AwsError(
      "AccessDeniedException",
      `User: ${principalArn} is not authorized to perform: secretsmanager:${action} on resource: ${resourceArn} because no identity-based policy allows the secretsmanager:${action} action`,
    ),
  throttling: () => new AwsError("ThrottlingException", "Rate exceeded"),
  internal: () => new AwsError("InternalServiceError", "An error occurred on the server side.", 500),
} as const;
