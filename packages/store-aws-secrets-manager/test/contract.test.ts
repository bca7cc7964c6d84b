import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { startSecretsManagerEmulator } from "@twauth/emulator/secrets-manager";
import { describeSecretStore } from "@twauth/store-testkit";
import { awsSecretsManagerStore } from "../src/index.js";

// Each profile is a secret; bot3 is mapped but has no secret yet, as for a profile that
// `twauth login` is about to create: its first save creates the secret.
describeSecretStore(
  "awsSecretsManagerStore",
  async ({ profiles }) => {
    const sm = await startSecretsManagerEmulator({
      secrets: Object.fromEntries(
        Object.entries(profiles).map(([profile, record]) => [`contract/${profile}`, record]),
      ),
    });
    const client = new SecretsManagerClient({ ...sm.clientConfig, maxAttempts: 1 });
    const store = awsSecretsManagerStore({
      client,
      secretId: { default: "contract/default", bot2: "contract/bot2", bot3: "contract/bot3" },
    });
    return {
      store,
      async cleanup() {
        client.destroy();
        await sm.stop();
      },
    };
  },
  { updatable: true },
);
