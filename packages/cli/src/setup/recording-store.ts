import type { SecretRecord, SecretStore, SecretStoreLoadOptions, WritableSecretStore } from "@twauth/core";
import { canonicalCredentialField, isWritableSecretStore } from "@twauth/core";
import { oauth2ScopesKey, oauth2UserIdKey } from "../login/oauth2-profile.js";
import { derivedSecrets } from "../output/derived-secrets.js";
import type { Redactor } from "../output/redactor.js";

/** A store whose loaded and saved values, and the secrets derived from them, are registered with the redactor before anyone sees them. */
export interface RecordingStore extends SecretStore {
  /** The store it wraps (a `WritableSecretStore` when `save` exists). */
  readonly inner: SecretStore;
  /** The last record `load` returned, if any. */
  readonly lastRecord: SecretRecord | undefined;
  save?: WritableSecretStore["save"];
}

/** Values that are not secrets, so output may name them: when a token expires, its scopes, whose it is. */
function secretValues(record: Readonly<Record<string, string>>): string[] {
  return Object.entries(record)
    .filter(([key]) => key !== oauth2ScopesKey && key !== oauth2UserIdKey)
    .filter(([key]) => canonicalCredentialField(key) !== "oauth2ExpiresAt")
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
  return recording;
}
