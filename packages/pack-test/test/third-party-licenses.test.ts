import { join } from "node:path";
import { expect, it } from "vitest";
import { repositoryRoot, run } from "./support/workspace.js";

// Bundles inline third-party code (zod in core, cosmiconfig and yaml with their dependencies in
// config, dotenv in store-dotenv); their licenses travel in LICENSE.third-party, written from the
// bundles' source maps. A dependency added to a bundle, or a version bump, makes the file stale.
it("every package's LICENSE.third-party lists exactly the third-party code its built bundles inline", async () => {
  const check = run(process.execPath, [join(repositoryRoot, ".ci/third-party-licenses.mjs"), "--check"], {
    timeout: 15_000,
  });
  await expect(check).resolves.toMatchObject({ stderr: "" });
});
