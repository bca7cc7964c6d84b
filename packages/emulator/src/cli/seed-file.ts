import { readFile } from "node:fs/promises";
import type { RateLimitRule } from "../limits/rate-limiter.js";
import type { AppSeed, UserSeed } from "../state/model.js";

/** The JSON a `--seed-file` holds: every field optional; apps and users replace the built-in ones. */
export interface SeedFile {
  apps?: AppSeed[];
  users?: UserSeed[];
  rateLimits?: Record<string, RateLimitRule | null>;
  timestampToleranceSeconds?: number;
}

export async function readSeedFile(path: string): Promise<SeedFile> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new Error(
      `cannot read seed file ${path}: ${(error as NodeJS.ErrnoException).code ?? "unknown error"}`,
    );
  }
  let seed: unknown;
  try {
    seed = JSON.parse(text);
  } catch (error) {
    throw new Error(`seed file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof seed !== "object" || seed === null || Array.isArray(seed)) {
    throw new Error(`seed file ${path} must hold a JSON object with "apps" and/or "users"`);
  }
  const record = seed as Record<string, unknown>;
  for (const key of ["apps", "users"]) {
    if (record[key] !== undefined && !Array.isArray(record[key])) {
      throw new Error(`seed file ${path}: "${key}" must be an array`);
    }
  }
  const users = record.users as Record<string, unknown>[] | undefined;
  users?.forEach((user, index) => {
    if (typeof user?.username !== "string")
      throw new Error(`seed file ${path}: users[${index}].username must be a string`);
  });
  return record as SeedFile;
}
