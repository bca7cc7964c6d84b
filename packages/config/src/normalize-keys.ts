/**
 * Config files may use the seed tutorial's snake_case (`retry_count`, `wait_on_rate_limit`) or
 * camelCase (`retryCount`). Keys are turned into camelCase before validation; `renamed` remembers
 * each key's spelling in the file so that errors point at what the person wrote.
 */
export interface NormalizedKeys {
  value: unknown;
  /** camelCase path (joined with ".") -> the key as written in the file. */
  renamed: Map<string, string>;
  /** Keys given twice, once per spelling: [path, spelling one, spelling two]. */
  duplicates: { path: (string | number)[]; keys: [string, string] }[];
}

export function snakeToCamel(key: string): string {
  return key.replace(/[_-]([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

export function normalizeKeys(input: unknown): NormalizedKeys {
  const renamed = new Map<string, string>();
  const duplicates: NormalizedKeys["duplicates"] = [];

  const visit = (value: unknown, path: (string | number)[]): unknown => {
    if (Array.isArray(value)) return value.map((item, index) => visit(item, [...path, index]));
    if (value === null || typeof value !== "object") return value;
    const output: Record<string, unknown> = {};
    const spelledAs = new Map<string, string>();
    for (const [key, child] of Object.entries(value)) {
      const camel = snakeToCamel(key);
      const earlier = spelledAs.get(camel);
      if (earlier !== undefined) {
        duplicates.push({ path: [...path, camel], keys: [earlier, key] });
        continue;
      }
      spelledAs.set(camel, key);
      if (camel !== key) renamed.set([...path, camel].join("."), key);
      output[camel] = visit(child, [...path, camel]);
    }
    return output;
  };

  return { value: visit(input, []), renamed, duplicates };
}

/** The path as written in the file, for messages and for finding the line. */
export function pathAsWritten(
  path: readonly (string | number)[],
  renamed: Map<string, string>,
): (string | number)[] {
  return path.map((segment, index) => {
    if (typeof segment === "number") return segment;
    return renamed.get(path.slice(0, index + 1).join(".")) ?? segment;
  });
}

/** `waitOnRateLimit` -> `wait_on_rate_limit`, for names suggested to a file written in snake_case. */
export function camelToSnake(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * The key style a file uses, so that a suggested or missing key is spelt the way the file spells
 * its others: snake_case when any key has an `_` (the seed's `wait_on_rate_limit`), camelCase when
 * any has an inner capital, else snake_case for YAML and rc files and camelCase for JSON.
 */
export function keyStyleOf(input: unknown, filepath: string): "snake" | "camel" {
  const keys: string[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > 3 || value === null || typeof value !== "object" || Array.isArray(value)) return;
    for (const [key, child] of Object.entries(value)) {
      keys.push(key);
      visit(child, depth + 1);
    }
  };
  visit(input, 0);
  if (keys.some((key) => /[a-z0-9]_[a-z0-9]/.test(key))) return "snake";
  if (keys.some((key) => /[a-z0-9][A-Z]/.test(key))) return "camel";
  return filepath.endsWith(".json") ? "camel" : "snake";
}

/** A camelCase name in the file's style. */
export function inStyle(name: string, style: "snake" | "camel"): string {
  return style === "snake" ? camelToSnake(name) : name;
}
