import { isTwauthError } from "@twauth/core";
import { ExitCode } from "../cli/exit-codes.js";
import { formatDuration } from "../output/rate-limit-text.js";
import { failed } from "./check-results.js";
import { clockSkewFailMs, clockSkewWarnMs, measureClockSkew } from "./clock-skew.js";
import type { DoctorCheck } from "./doctor-check.js";

/** This machine's clock against the API's date header: X refuses OAuth 1.0a timestamps 5 minutes off. */
export async function clockCheck(baseUrl: string): Promise<DoctorCheck> {
  try {
    const { skewMs, host } = await measureClockSkew(baseUrl);
    // Whole seconds: the date header has no more precision than that.
    const size = Math.round(Math.abs(skewMs) / 1000) * 1000;
    const direction = skewMs > 0 ? "behind" : "ahead of";
    const detail =
      size < 1000
        ? `within a second of ${host}'s date header`
        : `this machine is ${formatDuration(size)} ${direction} ${host}'s date header`;
    if (size > clockSkewFailMs) {
      return {
        status: "fail",
        check: "clock",
        detail: `${detail}; X refuses OAuth 1.0a timestamps more than 5 minutes off (401, code 135)`,
        fix: "sync the clock (NTP: timedatectl set-ntp true, or your OS's date settings)",
        exitCode: ExitCode.auth,
      };
    }
    if (size > clockSkewWarnMs) {
      return {
        status: "warn",
        check: "clock",
        detail: `${detail}; X refuses beyond 5 minutes`,
        fix: "sync the clock (NTP) before it drifts further",
      };
    }
    return { status: "ok", check: "clock", detail };
  } catch (error) {
    return failed(
      "clock",
      error,
      isTwauthError(error, "NETWORK_ERROR") ? "check the network and baseUrl (or --base-url)" : undefined,
    );
  }
}
