import type { LoadedConfig } from "@twauth/config";
import { createStore, loadConfig } from "@twauth/config";
import type { CommandContext } from "../cli/command.js";
import { configOptions } from "./config-options.js";
import type { RecordingStore } from "./recording-store.js";
import { recordingStore } from "./recording-store.js";

/** What every command that touches credentials starts from. */
export interface Setup {
  /** The config file. */
  readonly filepath: string;
  readonly config: LoadedConfig["config"];
  readonly store: RecordingStore;
  readonly profile: string;
  /** `--base-url` > TWAUTH_BASE_URL > the file's `baseUrl`; undefined: X's own. */
  readonly baseUrl: string | undefined;
}

/** Loads the config (precedence: flags > TWAUTH_* > file > defaults) and creates its store. */
export async function loadSetup(context: CommandContext): Promise<Setup> {
  const { globals, output } = context;
  const { filepath, config } = await loadConfig(configOptions(context));
  const store = await createStore(config.store, {
    filepath,
    onWarning: (warning) => output.warning(warning),
  });
  const baseUrl = globals.baseUrl ?? config.baseUrl;
  output.detail(`config: ${filepath}`);
  output.detail(`store: ${store.kind} (${store.source}), profile "${config.profile}"`);
  output.detail(`API: ${baseUrl ?? "https://api.x.com"}`);
  return {
    filepath,
    config,
    store: recordingStore(store, context.redactor),
    profile: config.profile,
    baseUrl,
  };
}
