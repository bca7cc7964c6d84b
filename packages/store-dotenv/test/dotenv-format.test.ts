import { parse } from "dotenv";
import { describe, expect, it } from "vitest";
import { editDotenv } from "../src/dotenv-editor.js";
import { scanDotenv } from "../src/dotenv-scanner.js";
import { formatDotenvValue } from "../src/dotenv-value.js";

const values = [
  "plain",
  "",
  "a#b",
  "a=b=c",
  "semi;colon",
  " leading and trailing ",
  "tab\tinside",
  "it's",
  'say "hi"',
  `both ' and "`,
  "all ' \" and `",
  "back\\slash",
  "literal \\n not a newline",
  "ünïcødé ☃ 𝕏",
  "'wrapped'",
  '"wrapped"',
  "$HOME $(cmd) %VAR%",
  "# only comment",
];

describe("formatDotenvValue", () => {
  it.each(values.filter((value) => value !== "all ' \" and `"))(
    "writes %j so dotenv reads it back unchanged",
    (value) => {
      const text = `BEFORE=1\nKEY=${formatDotenvValue(value, "KEY", ".env")}\nAFTER='2'\n`;
      expect(parse(text)).toEqual({ BEFORE: "1", KEY: value, AFTER: "2" });
      expect(scanDotenv(text, ".env").map((entry) => entry.key)).toEqual(["BEFORE", "KEY", "AFTER"]);
    },
  );

  it("rejects a value no quoting can hold, naming the key only", () => {
    expect(() => formatDotenvValue("all ' \" and `", "KEY", ".env")).toThrow(
      expect.objectContaining({ code: "CREDENTIALS_INVALID", keys: ["KEY"] }),
    );
    expect(() => formatDotenvValue("ends with \\", "KEY", ".env")).toThrow(
      expect.objectContaining({ code: "CREDENTIALS_INVALID" }),
    );
  });
});

describe("scanDotenv", () => {
  it("finds the same keys as dotenv's parser, with their lines", () => {
    const text = [
      "# c",
      "export A=1",
      "  B = 2 # c",
      "C: 3",
      "D='x",
      "y'",
      'E="a \\" b"',
      "F=`z`   # c",
      "G=",
      "a.b-c=4",
      "",
    ].join("\n");
    const entries = scanDotenv(text, ".env");
    expect(entries.map((entry) => [entry.key, entry.line])).toEqual([
      ["A", 2],
      ["B", 3],
      ["C", 4],
      ["D", 5],
      ["E", 7],
      ["F", 8],
      ["G", 9],
      ["a.b-c", 10],
    ]);
    expect(entries.map((entry) => entry.key).sort()).toEqual(Object.keys(parse(text)).sort());
  });

  it.each([
    ["CONSUMER_KEY abc", 1, 1, "expected KEY=value"],
    ["A=1\n  bad key=2", 2, 3, 'expected a key name (letters, digits, "_", "." or "-") before "="'],
    [
      "A=1\nB='open\nC=3",
      2,
      3,
      "the single-quoted value of B is not closed, or text follows its closing quote",
    ],
    ['B="x" y', 1, 3, "the double-quoted value of B is not closed"],
  ])("rejects %j at line %i, column %i", (text, line, column, problem) => {
    expect(() => scanDotenv(text, ".env")).toThrow(
      expect.objectContaining({
        code: "STORE_UNREADABLE",
        line,
        column,
        message: expect.stringContaining(`.env line ${line}, column ${column}: ${problem}`),
      }),
    );
  });
});

describe("editDotenv", () => {
  it("replaces every copy of a duplicated name and keeps spacing and comments", () => {
    const text = "A=1\nexport A = 'x' # c\nB=2";
    const result = editDotenv(text, scanDotenv(text, ".env"), {
      assignments: new Map([["A", "new"]]),
      profileNames: new Set(["A"]),
    });
    expect(result).toBe("A=new\nexport A = new # c\nB=2");
  });

  it("fills an empty value before a comment without gluing it to the #", () => {
    const text = "A= # fill me\n";
    const result = editDotenv(text, scanDotenv(text, ".env"), {
      assignments: new Map([
        ["A", "v"],
        ["B", "w"],
      ]),
      profileNames: new Set(["A"]),
    });
    expect(result).toBe("A= v # fill me\nB=w\n");
    expect(parse(result)).toEqual({ A: "v", B: "w" });
  });
});
