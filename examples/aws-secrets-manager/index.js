// @ts-check
// X credentials kept in AWS Secrets Manager: one secret holding a JSON object such as
//   {"CONSUMER_KEY":"…","CONSUMER_SECRET":"…","ACCESS_TOKEN":"…","ACCESS_TOKEN_SECRET":"…"}
// The AWS SDK finds the region and AWS credentials as it always does (AWS_REGION, AWS_PROFILE,
// a role, ...), and honours AWS_ENDPOINT_URL_SECRETS_MANAGER for a VPC endpoint or a local emulator.
//
//   node index.js [profile]         X_SECRET_ID=prod/{profile}/x-bot   (default "prod/x-bot")
//   X_API_BASE_URL=http://…         another X API (the tests use the local emulator)
import { getApiConnection, isTwauthError } from "@twauth/core";
import { awsSecretsManagerStore } from "@twauth/store-aws-secrets-manager";

const profile = process.argv[2] ?? "default";
const store = awsSecretsManagerStore({
  secretId: process.env.X_SECRET_ID ?? "prod/x-bot",
  // Reuse the secret for 5 minutes; many connections in this process share one GetSecretValue.
  maxAge: "5m",
});

try {
  const api = await getApiConnection({
    store,
    profile,
    ...(process.env.X_API_BASE_URL === undefined ? {} : { baseUrl: process.env.X_API_BASE_URL }),
  });
  try {
    // When X answers 401 because the token was rotated in Secrets Manager, the connection reads
    // the secret again (past the cache) and retries once: nothing to do here.
    const me = await api.verifyCredentials();
    console.log(`signed in as @${me.username} with credentials from ${store.kind}: ${store.source}`);
  } finally {
    api.close();
  }
} catch (error) {
  // twauth's errors name the secret and region and say what to fix, never a secret value.
  if (!isTwauthError(error)) throw error;
  console.error(`${error.code}: ${error.message}`);
  process.exitCode = 1;
}
