import { isMap, isScalar, LineCounter, parseDocument } from "yaml";

export interface KeyLocation {
  line: number;
  column: number;
}

/**
 * Finds where a key path stands in a YAML or JSON file (JSON is read as YAML for this, which gives
 * the same positions), so that a config error can say `twauth.config.yaml:7:3`. Returns the key
 * itself when it exists, else the closest parent that does.
 */
export function locateKey(text: string, path: readonly (string | number)[]): KeyLocation | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, keepSourceTokens: false, uniqueKeys: false });
  let node: unknown = document.contents;
  let offset: number | undefined = rangeStart(node);
  for (const segment of path) {
    if (!isMap(node)) {
      const items = (node as { items?: unknown[] } | null)?.items;
      if (typeof segment === "number" && Array.isArray(items) && items[segment] !== undefined) {
        node = items[segment];
        offset = rangeStart(node) ?? offset;
        continue;
      }
      break;
    }
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
    if (pair === undefined) break;
    offset = rangeStart(pair.key) ?? offset;
    node = pair.value;
  }
  if (offset === undefined) return undefined;
  const position = lineCounter.linePos(offset);
  return { line: position.line, column: position.col };
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range?.[0];
}
