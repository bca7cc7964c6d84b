/**
 * What twauth keeps of an AWS SDK error as a `cause`: its name, AWS's message (with any known secret
 * value blanked out), the network code and the request metadata. Never the SDK error itself: it can
 * hold the raw HTTP response (`$response`), and for a call that succeeded but failed to parse, that
 * response body is the secret.
 */
export class AwsErrorSummary extends Error {
  /** The AWS error type (`AccessDeniedException`) or Node's network code (`ECONNREFUSED`). */
  readonly code: string;
  readonly $fault?: "client" | "server";
  readonly $metadata?: {
    readonly httpStatusCode?: number;
    readonly requestId?: string;
    readonly attempts?: number;
    readonly totalRetryDelay?: number;
  };

  constructor(error: unknown, secrets: readonly string[]) {
    const source = (typeof error === "object" && error !== null ? error : {}) as Record<string, unknown>;
    super(redact(typeof source.message === "string" ? source.message : String(error), secrets));
    this.name = typeof source.name === "string" ? source.name : "Error";
    this.code = typeof source.code === "string" ? source.code : this.name;
    if (source.$fault === "client" || source.$fault === "server") this.$fault = source.$fault;
    const metadata = source.$metadata as Record<string, unknown> | undefined;
    if (typeof metadata === "object" && metadata !== null) {
      this.$metadata = {
        ...numberField(metadata, "httpStatusCode"),
        ...(typeof metadata.requestId === "string" ? { requestId: metadata.requestId } : {}),
        ...numberField(metadata, "attempts"),
        ...numberField(metadata, "totalRetryDelay"),
      };
    }
  }
}

function numberField(source: Record<string, unknown>, key: string): Record<string, number> {
  return typeof source[key] === "number" ? { [key]: source[key] } : {};
}

/** Blanks out each known secret value (AWS messages do not echo them, but a proxy's might). */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join("[redacted]");
  }
  return result;
}
