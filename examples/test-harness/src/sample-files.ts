import { chmod, copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** A temp directory outside any git work tree, holding copies of an example's sample files. */
export interface SampleDirectory {
  readonly path: string;
  remove(): Promise<void>;
}

/**
 * Copies an example's samples into a new temp directory as a user would (`cp .env.example .env &&
 * chmod 600 .env`): `files` maps a sample's name in `exampleDir` to the name of its copy. Being outside
 * any repository and mode 0600, the copies draw no hygiene warning.
 */
export async function copySamples(
  exampleDir: string | URL,
  files: Readonly<Record<string, string>>,
): Promise<SampleDirectory> {
  const from = typeof exampleDir === "string" ? exampleDir : fileURLToPath(exampleDir);
  const path = await mkdtemp(join(tmpdir(), "twauth-example-"));
  for (const [sample, copy] of Object.entries(files)) {
    await copyFile(join(from, sample), join(path, copy));
    await chmod(join(path, copy), 0o600);
  }
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
