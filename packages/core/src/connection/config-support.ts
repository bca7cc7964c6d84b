// The narrow entry `@twauth/config` needs to hold a config file to exactly what getApiConnection
// accepts: the connection options' schema and the words for what each option should be. Not zod
// itself, nor the internal normaliser: core's public API has no zod in it. `@twauth/config` depends
// on zod for its own schemas; these compose with them (a zod schema is parsed through its own methods).
export { connectionOptionsSchema, expectedOptionValues } from "./options-schema.js";
