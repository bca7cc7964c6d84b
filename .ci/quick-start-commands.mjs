// Prints the README's Quick start commands, one a line: the body of each ```sh block between the
// "## Quick start" heading and the next "## " heading. CI runs what this prints, so the README and
// CI cannot drift apart; anything but two one-line blocks is an error, not a guess.
import { readFileSync } from "node:fs";

const readmePath = process.argv[2] ?? "README.md";
const lines = readFileSync(readmePath, "utf8").split(/\r?\n/);
const start = lines.indexOf("## Quick start");
if (start < 0) fail(`${readmePath} has no "## Quick start" heading`);
const end = lines.findIndex((line, index) => index > start && line.startsWith("## "));
const section = lines.slice(start + 1, end < 0 ? lines.length : end);

const blocks = [];
let current;
for (const line of section) {
  if (current === undefined && line === "```sh") current = [];
  else if (current !== undefined && line === "```") {
    blocks.push(current);
    current = undefined;
  } else if (current !== undefined) current.push(line);
}
if (blocks.length !== 2 || blocks.some((block) => block.length !== 1)) {
  fail(`${readmePath}'s Quick start must hold two \`\`\`sh blocks of one line each (found ${blocks.length})`);
}
console.log(blocks.map((block) => block[0]).join("\n"));

/** @param {string} message */
function fail(message) {
  console.error(`quick-start-commands: ${message}`);
  process.exit(1);
}
