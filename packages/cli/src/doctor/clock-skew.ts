import { TwauthError } from "@twauth/core";

export interface ClockSkewMeasurement {
  /** The API's clock minus this machine's, milliseconds (positive: this machine is behind). */
  readonly skewMs: number;
  readonly host: string;
}

export interface MeasureClockSkewOptions {
  now?: () => number;
  timeoutMs?: number;
}

/**
 * Compares this machine's clock with the `date` header of one unauthenticated request to the API
 * (X answers 401 to it, with the date). The header has whole seconds, so the answer is good to about
 * one second, plenty against X's five-minute window.
 */
export async function measureClockSkew(
  baseUrl: string,
  options: MeasureClockSkewOptions = {},
): Promise<ClockSkewMeasurement> {
  const now = options.now ?? Date.now;
  const url = `${baseUrl.replace(/\/+$/, "")}/2/users/me`;
  const host = new URL(url).host;
  const sentAt = now();
  let date: string | null;
  try {
    const response = await fetch(url, {
      headers: { "user-agent": "twauth-cli" },
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    date = response.headers.get("date");
    await response.arrayBuffer();
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown } }).cause?.code;
    const reason = typeof cause === "string" ? cause : error instanceof Error ? error.name : "failed";
    throw new TwauthError("NETWORK_ERROR", `could not reach ${host} (${reason})`, { cause: error });
  }
  const receivedAt = now();
  const serverTime = date === null ? Number.NaN : Date.parse(date);
  if (Number.isNaN(serverTime)) {
    throw new TwauthError("API_ERROR", `${host} sent no usable date header`, { endpoint: "GET /2/users/me" });
  }
  // The header truncates to the second: its true time is on average half a second later.
  return { skewMs: serverTime + 500 - (sentAt + receivedAt) / 2, host };
}

/** X refuses OAuth 1.0a timestamps more than five minutes off (401, code 135). */
export const clockSkewFailMs = 5 * 60 * 1000;
export const clockSkewWarnMs = 30 * 1000;
