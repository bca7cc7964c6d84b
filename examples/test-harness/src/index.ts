export { exampleSecondUser, exampleSecrets, leakedSecrets } from "./example-credentials.js";
export type { ExampleRun, RunExampleOptions } from "./run-example.js";
export { runExample } from "./run-example.js";
export type { SampleDirectory } from "./sample-files.js";
export { copySamples } from "./sample-files.js";
export { exampleEmulatorSeed, startExampleEmulator } from "./start-example-emulator.js";
