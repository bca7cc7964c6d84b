import { awsErrors } from "./aws-errors.js";
import type { SecretsManagerAction } from "./model.js";
import type { SecretVault, SecretVersion, StoredSecret } from "./secret-vault.js";

type Input = Readonly<Record<string, unknown>>;

/** Secrets Manager's limit on SecretString, in bytes. */
const maxSecretBytes = 65_536;

/** Each action: the secret it is about (for access rules and stats), and its answer. */
export interface ActionHandler {
  secretId(input: Input): string | undefined;
  run(input: Input, vault: SecretVault): unknown;
}

export const actionHandlers: Readonly<Record<SecretsManagerAction, ActionHandler>> = {
  GetSecretValue: {
    secretId: (input) => optionalString(input, "SecretId"),
    run(input, vault) {
      const secret = vault.require(requiredString(input, "SecretId"));
      const versionId = optionalString(input, "VersionId");
      const versionStage = optionalString(input, "VersionStage");
      const version = vault.version(secret, {
        ...(versionId === undefined ? {} : { versionId }),
        ...(versionStage === undefined ? {} : { versionStage }),
      });
      return {
        ARN: secret.arn,
        Name: secret.name,
        VersionId: version.versionId,
        SecretString: version.value,
        VersionStages: [...version.stages],
        CreatedDate: epochSeconds(version.createdAt),
      };
    },
  },
  PutSecretValue: {
    secretId: (input) => optionalString(input, "SecretId"),
    run(input, vault) {
      const secret = vault.require(requiredString(input, "SecretId"));
      const value = secretString(input);
      const token = clientRequestToken(input);
      const stages = optionalStringList(input, "VersionStages");
      const version = vault.put(secret, value, token, stages);
      return versionAnswer(secret, version);
    },
  },
  DescribeSecret: {
    secretId: (input) => optionalString(input, "SecretId"),
    run(input, vault) {
      const secret = vault.require(requiredString(input, "SecretId"));
      return {
        ARN: secret.arn,
        Name: secret.name,
        ...(secret.description === undefined ? {} : { Description: secret.description }),
        CreatedDate: epochSeconds(secret.createdAt),
        LastChangedDate: epochSeconds(secret.lastChangedAt),
        VersionIdsToStages: vault.versionsToStages(secret),
      };
    },
  },
  CreateSecret: {
    secretId: (input) => optionalString(input, "Name"),
    run(input, vault) {
      const name = requiredString(input, "Name");
      if (!/^[A-Za-z0-9/_+=.@-]{1,512}$/.test(name)) {
        throw awsErrors.invalidParameter(
          "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!",
        );
      }
      const token = clientRequestToken(input);
      const description = optionalString(input, "Description");
      const { secret, version } = vault.create(name, secretString(input), {
        ...(token === undefined ? {} : { token }),
        ...(description === undefined ? {} : { description }),
      });
      return { ARN: secret.arn, Name: secret.name, VersionId: version.versionId };
    },
  },
  UpdateSecretVersionStage: {
    secretId: (input) => optionalString(input, "SecretId"),
    run(input, vault) {
      const secret = vault.require(requiredString(input, "SecretId"));
      const moveTo = optionalString(input, "MoveToVersionId");
      const removeFrom = optionalString(input, "RemoveFromVersionId");
      vault.moveStage(secret, requiredString(input, "VersionStage"), {
        ...(moveTo === undefined ? {} : { moveTo }),
        ...(removeFrom === undefined ? {} : { removeFrom }),
      });
      return { ARN: secret.arn, Name: secret.name };
    },
  },
};

function versionAnswer(secret: StoredSecret, version: SecretVersion) {
  return {
    ARN: secret.arn,
    Name: secret.name,
    VersionId: version.versionId,
    VersionStages: [...version.stages],
  };
}

function secretString(input: Input): string {
  if (input.SecretBinary !== undefined) {
    throw awsErrors.invalidParameter("The emulator stores SecretString only; SecretBinary is not emulated.");
  }
  const value = requiredString(input, "SecretString");
  if (Buffer.byteLength(value) > maxSecretBytes) {
    throw awsErrors.invalidParameter(`SecretString must be at most ${maxSecretBytes} bytes.`);
  }
  return value;
}

function clientRequestToken(input: Input): string | undefined {
  const token = optionalString(input, "ClientRequestToken");
  if (token !== undefined && (token.length < 32 || token.length > 64)) {
    throw awsErrors.invalidParameter("ClientRequestToken must be 32 to 64 characters long.");
  }
  return token;
}

function requiredString(input: Input, name: string): string {
  const value = optionalString(input, name);
  if (value === undefined || value.length === 0) throw awsErrors.invalidParameter(`${name} is required.`);
  return value;
}

function optionalString(input: Input, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    throw awsErrors.serialization(`${name}: expected a string, got ${typeof value}.`);
  }
  return value;
}

function optionalStringList(input: Input, name: string): string[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string") || value.length === 0) {
    throw awsErrors.invalidParameter(`${name} must be a non-empty list of strings.`);
  }
  return value as string[];
}

/** The JSON 1.1 protocol sends timestamps as epoch seconds with a fraction. */
function epochSeconds(ms: number): number {
  return ms / 1000;
}
