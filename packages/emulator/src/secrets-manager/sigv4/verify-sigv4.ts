import { timingSafeEqual } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import type { EmulatorRequest } from "../../http/emulator-request.js";
import { AwsError, awsErrors } from "../aws-errors.js";
import type { AwsTestCredentials } from "../model.js";
import { NodeSha256, sha256Hex } from "./node-sha256.js";

export interface SigV4Expectations {
  /** Known credentials by access key id. */
  credentials: ReadonlyMap<string, AwsTestCredentials>;
  region: string;
  service: string;
  now: number;
  /** How far x-amz-date may be from now; AWS allows 5 minutes. */
  toleranceSeconds: number;
}

interface AuthorizationHeader {
  accessKeyId: string;
  scopeDate: string;
  scopeRegion: string;
  scopeService: string;
  signedHeaders: string[];
  signature: string;
}

const algorithm = "AWS4-HMAC-SHA256";

/**
 * Checks a request's SigV4 signature the way AWS does: parses the Authorization header, checks the
 * access key, scope (date, region, service), clock skew and payload hash, then recomputes the
 * signature over exactly the headers the client listed as signed, with AWS's own
 * `@smithy/signature-v4` (an independent judge: the store under test never shares this code path).
 * Resolves to the caller's credentials, or throws the `AwsError` AWS would answer.
 */
export async function verifySigV4(
  request: EmulatorRequest,
  expect: SigV4Expectations,
): Promise<AwsTestCredentials> {
  const header = firstHeader(request, "authorization");
  if (header === undefined) throw awsErrors.missingAuthenticationToken();
  const auth = parseAuthorization(header);
  const credentials = expect.credentials.get(auth.accessKeyId);
  if (credentials === undefined) throw awsErrors.unrecognizedClient();
  if (credentials.sessionToken !== undefined) {
    if (firstHeader(request, "x-amz-security-token") !== credentials.sessionToken)
      throw awsErrors.unrecognizedClient();
  }

  const amzDate = firstHeader(request, "x-amz-date");
  if (amzDate === undefined) {
    throw awsErrors.incompleteSignature(
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  }
  const signingDate = parseAmzDate(amzDate);
  if (auth.scopeDate !== amzDate.slice(0, 8)) {
    throw awsErrors.invalidSignature(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  if (auth.scopeRegion !== expect.region) {
    throw awsErrors.invalidSignature(
      `Credential should be scoped to a valid region, not '${auth.scopeRegion}'. `,
    );
  }
  if (auth.scopeService !== expect.service) {
    throw awsErrors.invalidSignature(`Credential should be scoped to correct service: '${expect.service}'. `);
  }
  checkClockSkew(signingDate, amzDate, expect);
  if (!auth.signedHeaders.includes("host")) {
    throw awsErrors.invalidSignature(
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    );
  }
  const contentSha = firstHeader(request, "x-amz-content-sha256");
  if (contentSha !== undefined && contentSha !== sha256Hex(request.body)) {
    throw awsErrors.invalidSignature(
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
  }

  const expected = await recomputeSignature(request, auth, credentials, signingDate);
  const given = Buffer.from(auth.signature, "utf8");
  const wanted = Buffer.from(expected, "utf8");
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) throw awsErrors.signatureMismatch();
  return credentials;
}

async function recomputeSignature(
  request: EmulatorRequest,
  auth: AuthorizationHeader,
  credentials: AwsTestCredentials,
  signingDate: Date,
): Promise<string> {
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = request.headers[name];
    // A header listed as signed but not sent cannot have been signed: the signature will not match.
    if (value === undefined) throw awsErrors.signatureMismatch();
    headers[name] = Array.isArray(value) ? value.join(",") : value;
  }
  const signer = new SignatureV4({
    service: auth.scopeService,
    region: auth.scopeRegion,
    // The session token is already among the signed headers when the client sent one.
    credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey },
    sha256: NodeSha256,
    // Only a payload hash header the client sent and signed takes part.
    applyChecksum: false,
  });
  const [hostname = "", port] = (headers.host ?? "").split(":");
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: "http:",
      hostname,
      ...(port === undefined ? {} : { port: Number(port) }),
      path: request.path,
      query: queryRecord(request.query),
      headers,
      body: request.body,
    },
    { signingDate, signableHeaders: new Set(auth.signedHeaders) },
  );
  const authorization = signed.headers.authorization ?? "";
  return /Signature=([0-9a-f]+)/.exec(authorization)?.[1] ?? "";
}

function parseAuthorization(header: string): AuthorizationHeader {
  const space = header.indexOf(" ");
  const scheme = space === -1 ? header : header.slice(0, space);
  if (scheme !== algorithm) {
    throw awsErrors.incompleteSignature(`Unsupported AWS 'algorithm': '${scheme}'`);
  }
  const fields = new Map<string, string>();
  for (const part of header.slice(space + 1).split(",")) {
    const equals = part.indexOf("=");
    if (equals > 0) fields.set(part.slice(0, equals).trim(), part.slice(equals + 1).trim());
  }
  const missing = ["Credential", "SignedHeaders", "Signature"].filter((name) => !fields.get(name));
  if (missing.length > 0) {
    throw awsErrors.incompleteSignature(
      missing.map((name) => `Authorization header requires '${name}' parameter.`).join(" "),
    );
  }
  const scope = fields.get("Credential")!.split("/");
  if (scope.length !== 5 || scope[4] !== "aws4_request") {
    throw awsErrors.incompleteSignature(
      "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term.",
    );
  }
  const [accessKeyId, scopeDate, scopeRegion, scopeService] = scope as [string, string, string, string];
  return {
    accessKeyId,
    scopeDate,
    scopeRegion,
    scopeService,
    signedHeaders: fields
      .get("SignedHeaders")!
      .split(";")
      .map((name) => name.trim().toLowerCase()),
    signature: fields.get("Signature")!,
  };
}

function parseAmzDate(value: string): Date {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (match === null) {
    throw new AwsError(
      "IncompleteSignatureException",
      `Date must be in ISO-8601 'basic format'. Got '${value}'.`,
    );
  }
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  return new Date(Date.UTC(year!, month! - 1, day, hour, minute, second));
}

function checkClockSkew(signingDate: Date, amzDate: string, expect: SigV4Expectations): void {
  const toleranceMs = expect.toleranceSeconds * 1000;
  const skew = signingDate.getTime() - expect.now;
  if (Math.abs(skew) <= toleranceMs) return;
  const minutes = `${Math.round(expect.toleranceSeconds / 60)} min.`;
  const nowText = basicIso(expect.now);
  if (skew < 0) {
    throw awsErrors.invalidSignature(
      `Signature expired: ${amzDate} is now earlier than ${basicIso(expect.now - toleranceMs)} (${nowText} - ${minutes})`,
    );
  }
  throw awsErrors.invalidSignature(
    `Signature not yet current: ${amzDate} is still later than ${basicIso(expect.now + toleranceMs)} (${nowText} + ${minutes})`,
  );
}

function basicIso(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

function queryRecord(query: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    record[key] = values.length === 1 ? values[0]! : values;
  }
  return record;
}

function firstHeader(request: EmulatorRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
