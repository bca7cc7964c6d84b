/** One benchmark: a name for `--only`, and a run that returns the lines to print. */
export interface BenchSuite {
  name: string;
  run(): Promise<readonly string[]> | readonly string[];
}
