import type { LoadedConfig } from "@twauth/config";
import type { TwauthWarning } from "@twauth/core";
import { checkFileHygiene } from "@twauth/store-kit";
import { fromWarning, skipped } from "./check-results.js";
import type { DoctorCheck } from "./doctor-check.js";
import { storeFiles } from "./store-files.js";

/** File permissions and git-ignore status of the store's files, through the stores' own hygiene check. */
export async function fileChecks(
  loaded: LoadedConfig | undefined,
  platform: NodeJS.Platform,
): Promise<DoctorCheck[]> {
  if (loaded === undefined) {
    return [
      skipped("file permissions", "needs a valid config"),
      skipped("git ignore", "needs a valid config"),
    ];
  }
  const files = storeFiles(loaded.config.store);
  if (files.length === 0) {
    const detail = `the ${loaded.config.store.type} store has no file`;
    return [skipped("file permissions", detail), skipped("git ignore", detail)];
  }
  const warnings: TwauthWarning[] = [];
  for (const file of files) await checkFileHygiene(file, { onWarning: (warning) => warnings.push(warning) });
  const list = files.join(", ");
  return [
    ...permissionChecks(warnings, list, platform),
    ...checksFor(
      warnings,
      "FILE_NOT_GIT_IGNORED",
      "git ignore",
      `${list}: ignored by git, or outside a git work tree`,
    ),
  ];
}

function permissionChecks(
  warnings: readonly TwauthWarning[],
  list: string,
  platform: NodeJS.Platform,
): DoctorCheck[] {
  if (platform === "win32") return [skipped("file permissions", "not checked on Windows")];
  return checksFor(warnings, "FILE_PERMISSIONS", "file permissions", `${list}: readable by the owner only`);
}

/** One warn line per warning of that code, or one ok line when there is none. */
function checksFor(
  warnings: readonly TwauthWarning[],
  code: string,
  check: string,
  okDetail: string,
): DoctorCheck[] {
  const matching = warnings.filter((warning) => warning.code === code);
  if (matching.length === 0) return [{ status: "ok", check, detail: okDetail }];
  return matching.map((warning) => fromWarning(check, warning));
}
