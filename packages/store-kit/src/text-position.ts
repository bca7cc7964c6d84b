/**
 * Turns a parser's character offset into the 1-based line and column messages give (LF line ends).
 *
 * @example
 * lineColumnAt("a=1\nb=2", 4); // { line: 2, column: 1 }
 */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (
    let index = text.indexOf("\n");
    index !== -1 && index < offset;
    index = text.indexOf("\n", index + 1)
  ) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
