import type { OptionValues } from "./command.js";
import { UsageError } from "./usage-error.js";

export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

export function booleanOption(values: OptionValues, name: string): boolean {
  return values[name] === true;
}

export function listOption(values: OptionValues, name: string): string[] {
  const value = values[name];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  return typeof value === "string" ? [value] : [];
}

/** `k=v` pairs (`--query`, `--form`); a repeated name keeps every value, in order. */
export function keyValuePairs(
  items: readonly string[],
  option: string,
  command: string,
): Record<string, string[]> {
  const pairs: Record<string, string[]> = {};
  for (const item of items) {
    const equals = item.indexOf("=");
    if (equals <= 0) {
      throw new UsageError(`--${option} takes name=value, got "${item}".`, command);
    }
    const name = item.slice(0, equals);
    const list = pairs[name] ?? [];
    list.push(item.slice(equals + 1));
    pairs[name] = list;
  }
  return pairs;
}

/** A number of seconds for options like `--timeout`. */
export function secondsOption(values: OptionValues, name: string, command: string, fallback: number): number {
  const text = stringOption(values, name);
  if (text === undefined) return fallback;
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(seconds > 0)) {
    throw new UsageError(`--${name} takes a number of seconds greater than 0, got "${text}".`, command);
  }
  return seconds;
}
