import { SignatureV4 } from "@smithy/signature-v4";
import { NodeSha256 } from "../../src/secrets-manager/sigv4/node-sha256.js";
import type { SecretsManagerEmulator } from "../../src/secrets-manager/start-secrets-manager-emulator.js";

export interface RawCall {
  action: string;
  input?: unknown;
  /** Sent as is instead of JSON.stringify(input). */
  body?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  region?: string;
  service?: string;
  signingDate?: Date;
  contentType?: string;
  /** Changes the signed request before it is sent (to break it on purpose). */
  tamper?: (request: { headers: Record<string, string>; body: string }) => void;
  unsigned?: boolean;
  /** Sign without an x-amz-content-sha256 header, so the body is covered by the signature alone. */
  withoutPayloadHashHeader?: boolean;
}

/**
 * One JSON 1.1 call signed with SigV4 as the SDK signs it, sent with fetch, so a test can break
 * any part of it. Resolves to the status, the x-amzn-errortype header and the parsed body.
 */
export async function rawCall(sm: SecretsManagerEmulator, call: RawCall) {
  const url = new URL(sm.url);
  const body = call.body ?? JSON.stringify(call.input ?? {});
  const headers: Record<string, string> = {
    host: url.host,
    "content-type": call.contentType ?? "application/x-amz-json-1.1",
    "x-amz-target": `secretsmanager.${call.action}`,
  };
  let signed = { headers, body };
  if (call.unsigned !== true) {
    const signer = new SignatureV4({
      service: call.service ?? "secretsmanager",
      region: call.region ?? sm.region,
      credentials: call.credentials ?? sm.clientConfig.credentials,
      sha256: NodeSha256,
      applyChecksum: call.withoutPayloadHashHeader !== true,
    });
    const request = await signer.sign(
      {
        method: "POST",
        protocol: "http:",
        hostname: url.hostname,
        port: Number(url.port),
        path: "/",
        headers,
        body,
      },
      call.signingDate === undefined ? {} : { signingDate: call.signingDate },
    );
    signed = { headers: { ...request.headers }, body };
  }
  call.tamper?.(signed);
  const { host: _host, ...sendHeaders } = signed.headers;
  const response = await fetch(sm.url, { method: "POST", headers: sendHeaders, body: signed.body });
  const text = await response.text();
  return {
    status: response.status,
    errorType: response.headers.get("x-amzn-errortype"),
    contentType: response.headers.get("content-type"),
    body: text.length === 0 ? undefined : (JSON.parse(text) as Record<string, unknown>),
  };
}
