import type { SecretRecord, SecretStore, SecretStoreLoadOptions, WritableSecretStore } from "@twauth/core";
import { isWritableSecretStore } from "@twauth/core";
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
      redactor.add(Object.values(record));
      redactor.add(derivedSecrets(record));
      lastRecord = record;
      return record;
    },
  };
  if (isWritableSecretStore(store)) {
    recording.save = async (values, options) => {
      redactor.add(Object.values(values));
      redactor.add(derivedSecrets({ ...lastRecord, ...values }));
      await store.save(values, options);
    };
  }
  return recording;
}
