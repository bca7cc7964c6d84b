import type {
  SecretRecord,
  SecretStore,
  SecretStoreLoadOptions,
  UpdatableSecretStore,
  WritableSecretStore,
} from "@twauth/core";
import { canonicalCredentialField, isUpdatableSecretStore, isWritableSecretStore } from "@twauth/core";
import { derivedSecrets } from "../output/derived-secrets.js";
import type { Redactor } from "../output/redactor.js";

/** A store whose loaded and saved values, and the secrets derived from them, are registered with the redactor before anyone sees them. */
export interface RecordingStore extends SecretStore {
  /** The store it wraps (a `WritableSecretStore` when `save` exists). */
  readonly inner: SecretStore;
  /** The last record `load` returned, if any. */
  readonly lastRecord: SecretRecord | undefined;
  save?: WritableSecretStore["save"];
  /** The wrapped store's update, when it has one: connections rotate OAuth 2.0 tokens through it. */
  update?: UpdatableSecretStore["update"];
}

/** Fields that are not secrets, so output may name them: when a token expires, and its scopes. */
const publicFields = new Set(["oauth2ExpiresAt", "oauth2Scopes"]);

function secretValues(record: Readonly<Record<string, string>>): string[] {
  return Object.entries(record)
    .filter(([key]) => !publicFields.has(canonicalCredentialField(key) ?? ""))
    .map(([, value]) => value);
}

export function recordingStore(store: SecretStore, redactor: Redactor): RecordingStore {
  let lastRecord: SecretRecord | undefined;
  const recording: RecordingStore = {
    kind: store.kind,
    source: store.source,
    inner: store,
    get lastRecord() {
      return lastRecord;
    },
    async load(options?: SecretStoreLoadOptions) {
      const record = await store.load(options);
      redactor.add(secretValues(record));
      redactor.add(derivedSecrets(record));
      lastRecord = record;
      return record;
    },
  };
  if (isWritableSecretStore(store)) {
    recording.save = async (values, options) => {
      redactor.add(secretValues(values));
      redactor.add(derivedSecrets({ ...lastRecord, ...values }));
      await store.save(values, options);
    };
  }
  if (isUpdatableSecretStore(store)) {
    recording.update = async (change, options) => {
      const result = await store.update(async (current) => {
        redactor.add(secretValues(current));
        const next = await change(current);
        if (next !== undefined) redactor.add(secretValues(next));
        return next;
      }, options);
      redactor.add(secretValues(result));
      lastRecord = result;
      return result;
    };
  }
  return recording;
}
