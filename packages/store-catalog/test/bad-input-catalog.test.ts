import { execFileSync, spawnSync } from "node:child_process";
import { chmod, link, mkdir, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { inspect } from "node:util";
import type {
  Credentials,
  SecretStore,
  TwauthErrorCode,
  TwauthWarning,
  TwauthWarningCode,
  WritableSecretStore,
} from "@twauth/core";
import { resolveCredentials } from "@twauth/core";
import { dotenvStore } from "@twauth/store-dotenv";
import { envStore } from "@twauth/store-env";
import { iniStore } from "@twauth/store-ini";
import { createTempDirectory } from "@twauth/store-testkit";
import { yamlStore } from "@twauth/store-yaml";
import { describe, expect, it } from "vitest";

// One table over the four stores and core's resolveCredentials: every bad input gets a clear error
// (code, file, line:column where there is one, key) and never shows a secret; the inputs a person
// pastes by accident (quotes, spaces, a tab, a BOM, CRLF) still load.

const CK = "ck-Secret-7Hq2";
const CS = "cs-Secret-Lm94";
const AT = "1200-at-Secret-Zp31";
const AS = "as-Secret-Wv58";
const OTHER = "other-Secret-Qe81";
// The halves of CS too: the non-text rows cut it in two around the character.
const secrets = [CK, CS, AT, AS, OTHER, CS.slice(0, 9), CS.slice(9)];
const user: Credentials = {
  type: "user",
  consumerKey: CK,
  consumerSecret: CS,
  accessToken: AT,
  accessTokenSecret: AS,
};

type StoreKind = "env" | "dotenv" | "ini" | "yaml";

interface Row {
  name: string;
  store: StoreKind;
  /** The file's contents, a directory in its place, or no file at all. */
  file?: string | Uint8Array | "directory";
  env?: Record<string, string>;
  options?: { prefix?: string; key?: string };
  profile?: string;
  /** Read by the unprivileged user "nobody" (root reads any file, so mode 600 alone proves nothing). */
  asNobody?: true;
  /** In the file's place: a FIFO, a symlink to /dev/zero, or the file with a second hard link. */
  special?: "fifo" | "device" | "hardlink";
  /** Saved (into the default profile) before the load; a save error is the row's outcome. */
  save?: Record<string, string>;
  maxBytes?: number;
  error?: {
    code: TwauthErrorCode;
    message: (file: string) => string;
    line?: number;
    column?: number;
    keys?: readonly string[];
  };
  loads?: { credentials: Credentials; warnings?: readonly TwauthWarningCode[] };
}

const fileNames: Record<Exclude<StoreKind, "env">, string> = {
  dotenv: ".env",
  ini: "credentials.ini",
  yaml: "twitter.yaml",
};

const dotenvFull = `CONSUMER_KEY=${CK}\nCONSUMER_SECRET=${CS}\nACCESS_KEY=${AT}\nACCESS_SECRET=${AS}\n`;
const iniFull = `[default]\nconsumer_key = ${CK}\nconsumer_secret = ${CS}\naccess_token = ${AT}\naccess_token_secret = ${AS}\n`;
const yamlFull = `default:\n  consumer_key: ${CK}\n  consumer_secret: ${CS}\n  access_token: ${AT}\n  access_token_secret: ${AS}\n`;
const fullFiles = { dotenv: dotenvFull, ini: iniFull, yaml: yamlFull };
const padding = "# padding line\n".repeat(75_000);
const bom = "\uFEFF";

function bytes(text: string): number {
  return Buffer.byteLength(text);
}

function aliasBomb(): string {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  const names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
  for (let index = 1; index < names.length; index += 1) {
    lines.push(
      `${names[index]}: &${names[index]} [${Array(9)
        .fill(`*${names[index - 1]}`)
        .join(",")}]`,
    );
  }
  return `${lines.join("\n")}\ndefault:\n  consumer_key: ${CK}\n`;
}

const missingCredentials = (where: string) =>
  `${where}: no X credentials found. Expected a consumer key and secret (CONSUMER_KEY and CONSUMER_SECRET, or the portal's "API Key" and "API Key Secret"), with ACCESS_TOKEN and ACCESS_TOKEN_SECRET for user context, or a BEARER_TOKEN.`;

const fileRows: Row[] = (["dotenv", "ini", "yaml"] as const).flatMap((store): Row[] => [
  {
    name: `${store}: a missing file`,
    store,
    error: {
      code: "STORE_NOT_FOUND",
      message: (file) =>
        `${file} not found (looked at ${file}); create it or pass the path of your credentials file.`,
    },
  },
  {
    name: `${store}: a directory where the file should be`,
    store,
    file: "directory",
    error: {
      code: "STORE_UNREADABLE",
      message: (file) => `${file} is a directory, not a file; pass the path of the credentials file.`,
    },
  },
  {
    name: `${store}: a file the program's user may not read`,
    store,
    file: fullFiles[store],
    asNobody: true,
    error: {
      code: "STORE_UNREADABLE",
      message: (file) =>
        `${file} cannot be read: permission denied; run the program as the user who owns the file, or make that user its owner (chown) and keep its mode 600.`,
    },
  },
  {
    name: `${store}: a UTF-8 byte order mark`,
    store,
    file: `${bom}${fullFiles[store]}`,
    loads: { credentials: user },
  },
  {
    name: `${store}: CRLF line ends`,
    store,
    file: fullFiles[store].replace(/\n/g, "\r\n"),
    loads: { credentials: user },
  },
  {
    name: `${store}: a file over 1 MiB`,
    store,
    file: `${fullFiles[store]}${padding}`,
    error: {
      code: "STORE_UNREADABLE",
      message: (file) =>
        `${file} is larger than 1 MiB (${bytes(fullFiles[store] + padding)} bytes or more); a credentials file holds a few lines: check the path.`,
    },
  },
]);

const dotenvRows: Row[] = [
  {
    name: "dotenv: an empty file",
    store: "dotenv",
    file: "",
    error: {
      code: "CREDENTIALS_MISSING",
      message: (file) => missingCredentials(`${file} (profile "default")`),
    },
  },
  {
    name: "dotenv: a line without =",
    store: "dotenv",
    file: `CONSUMER_KEY=${CK}\nCONSUMER_SECRET ${CS}\n`,
    error: {
      code: "STORE_UNREADABLE",
      line: 2,
      column: 1,
      message: (file) =>
        `${file} line 2, column 1: expected KEY=value; fix the line or comment it out with "#".`,
    },
  },
  {
    name: "dotenv: a quote never closed",
    store: "dotenv",
    file: `CONSUMER_KEY=${CK}\nCONSUMER_SECRET="${CS}\nACCESS_KEY=${AT}\n`,
    error: {
      code: "STORE_UNREADABLE",
      line: 2,
      column: 17,
      keys: ["CONSUMER_SECRET"],
      message: (file) =>
        `${file} line 2, column 17: the double-quoted value of CONSUMER_SECRET is not closed, or text follows its closing quote; close the quote at the end of the value.`,
    },
  },
  {
    name: "dotenv: a file saved as UTF-16",
    store: "dotenv",
    file: Buffer.from(`\uFEFF${dotenvFull}`, "utf16le"),
    error: { code: "STORE_UNREADABLE", message: (file) => `${file} is saved as UTF-16; save it as UTF-8.` },
  },
  {
    name: "dotenv: values in single, double and back quotes",
    store: "dotenv",
    file: `CONSUMER_KEY="${CK}"\nCONSUMER_SECRET='${CS}'\nACCESS_KEY=\`${AT}\`\nACCESS_SECRET="${AS}"\n`,
    loads: { credentials: user },
  },
  {
    name: "dotenv: spaces pasted inside the quotes",
    store: "dotenv",
    file: dotenvFull.replace(`CONSUMER_KEY=${CK}`, `CONSUMER_KEY="  ${CK} "`),
    loads: { credentials: user, warnings: ["VALUE_TRIMMED"] },
  },
  {
    name: "dotenv: a trailing newline inside a double-quoted value",
    store: "dotenv",
    file: dotenvFull.replace(`ACCESS_SECRET=${AS}`, `ACCESS_SECRET="${AS}\\n"`),
    loads: { credentials: user, warnings: ["VALUE_TRIMMED"] },
  },
  {
    name: "dotenv: a tab pasted from the portal",
    store: "dotenv",
    file: dotenvFull.replace(`CONSUMER_SECRET=${CS}`, `CONSUMER_SECRET='\t${CS}'`),
    loads: { credentials: user, warnings: ["VALUE_TRIMMED"] },
  },
  {
    name: "dotenv: whitespace inside a value",
    store: "dotenv",
    file: dotenvFull.replace(`CONSUMER_KEY=${CK}`, `CONSUMER_KEY='${CK} ${OTHER}'`),
    error: {
      code: "CREDENTIALS_INVALID",
      keys: ["CONSUMER_KEY"],
      message: (file) =>
        `${file} line 1: the value of CONSUMER_KEY contains whitespace inside it; paste the consumer key (API Key) again from the developer portal.`,
    },
  },
  {
    name: "dotenv: a key set twice",
    store: "dotenv",
    file: `${dotenvFull}CONSUMER_KEY=${OTHER}\n`,
    error: {
      code: "CREDENTIALS_CONFLICT",
      line: 5,
      column: 1,
      keys: ["CONSUMER_KEY"],
      message: (file) =>
        `${file} line 5, column 1: CONSUMER_KEY is set again in profile "default" (first on line 1); keep one of them.`,
    },
  },
  {
    name: "dotenv: two aliases of one credential that differ",
    store: "dotenv",
    file: `${dotenvFull}API_KEY=${OTHER}\n`,
    error: {
      code: "CREDENTIALS_CONFLICT",
      keys: ["CONSUMER_KEY", "API_KEY"],
      message: (file) =>
        `${file} (profile "default"): CONSUMER_KEY and API_KEY both set the consumer key (API Key) but differ; keep one of them.`,
    },
  },
  {
    name: "dotenv: a missing profile",
    store: "dotenv",
    file: `${dotenvFull}TWAUTH_BOT2_CONSUMER_KEY=${OTHER}\n`,
    profile: "bot3",
    error: {
      code: "PROFILE_NOT_FOUND",
      message: (file) =>
        `${file} has no profile "bot3" (profiles found: default, bot2); add TWAUTH_BOT3_CONSUMER_KEY=… lines for it, or pick one of those.`,
    },
  },
  {
    name: "dotenv: profile bot2 by its TWAUTH_BOT2_ prefix",
    store: "dotenv",
    file: dotenvFull.replace(/^/gm, "TWAUTH_BOT2_").replace(/TWAUTH_BOT2_$/, ""),
    profile: "bot2",
    loads: { credentials: user },
  },
  {
    name: "dotenv: a profile with one key missing",
    store: "dotenv",
    file: dotenvFull.replace(`ACCESS_SECRET=${AS}\n`, ""),
    error: {
      code: "CREDENTIALS_MISSING",
      keys: ["ACCESS_SECRET"],
      message: (file) =>
        `${file} (profile "default"): missing access token secret (ACCESS_SECRET). It has CONSUMER_KEY, CONSUMER_SECRET, ACCESS_KEY. Add the missing keys; a half pair is never used as app-only auth.`,
    },
  },
];

const iniRows: Row[] = [
  {
    name: "ini: an empty file",
    store: "ini",
    file: "",
    error: {
      code: "PROFILE_NOT_FOUND",
      message: (file) => `${file} has no profile "default" (it has no profiles); add a [default] section.`,
    },
  },
  {
    name: "ini: a line without =",
    store: "ini",
    file: `[default]\nconsumer_key ${CK}\n`,
    error: {
      code: "STORE_UNREADABLE",
      line: 2,
      column: 1,
      message: (file) =>
        `${file} line 2, column 1: expected key = value; fix the line or comment it out with ";".`,
    },
  },
  {
    name: "ini: a section header never closed",
    store: "ini",
    file: `[default\nconsumer_key = ${CK}\n`,
    error: {
      code: "STORE_UNREADABLE",
      line: 1,
      column: 1,
      message: (file) => `${file} line 1, column 1: the [section] header is not closed with ].`,
    },
  },
  {
    name: "ini: values in double and single quotes",
    store: "ini",
    file: iniFull.replace(`= ${CK}`, `= "${CK}"`).replace(`= ${CS}`, `= '${CS}'`),
    loads: { credentials: user },
  },
  {
    name: "ini: a tab pasted inside a quoted value",
    store: "ini",
    file: iniFull.replace(`= ${AT}`, `= "\\t${AT}"`),
    loads: { credentials: user, warnings: ["VALUE_TRIMMED"] },
  },
  {
    name: "ini: a comment after a quoted value, which ini keeps quoted",
    store: "ini",
    file: iniFull.replace(`= ${CK}`, `= "${CK}" ; from the portal`),
    error: {
      code: "CREDENTIALS_INVALID",
      line: 2,
      column: 1,
      keys: ["consumer_key"],
      message: (file) =>
        `${file} line 2, column 1: consumer_key in profile "default" still has quotes around it after ini read it (a comment after a quoted value keeps the quotes); move the comment to its own line.`,
    },
  },
  {
    name: "ini: a credential ini reads as a boolean",
    store: "ini",
    file: iniFull.replace(`access_token_secret = ${AS}`, "access_token_secret = false"),
    error: {
      code: "CREDENTIALS_INVALID",
      line: 5,
      column: 1,
      keys: ["access_token_secret"],
      message: (file) =>
        `${file} line 5, column 1: access_token_secret in profile "default" is the word false, which ini reads as a boolean, not text.`,
    },
  },
  {
    name: "ini: a key set twice",
    store: "ini",
    file: `${iniFull}consumer_key = ${OTHER}\n`,
    error: {
      code: "CREDENTIALS_CONFLICT",
      line: 6,
      column: 1,
      keys: ["consumer_key"],
      message: (file) =>
        `${file} line 6, column 1: consumer_key is set again in profile "default" (first on line 2); keep one of them.`,
    },
  },
  {
    name: "ini: two aliases of one credential that differ",
    store: "ini",
    file: `${iniFull}api_key = ${OTHER}\n`,
    error: {
      code: "CREDENTIALS_CONFLICT",
      keys: ["consumer_key", "api_key"],
      message: (file) =>
        `${file} (profile "default"): consumer_key and api_key both set the consumer key (API Key) but differ; keep one of them.`,
    },
  },
  {
    name: "ini: a missing profile",
    store: "ini",
    file: `${iniFull}\n[bot2]\nconsumer_key = ${OTHER}\n`,
    profile: "bot3",
    error: {
      code: "PROFILE_NOT_FOUND",
      message: (file) =>
        `${file} has no profile "bot3" (profiles found: default, bot2); add a [bot3] section, or pick one of those.`,
    },
  },
  {
    name: "ini: a profile with one key missing",
    store: "ini",
    file: iniFull.replace(`access_token_secret = ${AS}\n`, ""),
    error: {
      code: "CREDENTIALS_MISSING",
      keys: ["access_token_secret"],
      message: (file) =>
        `${file} (profile "default"): missing access token secret (access_token_secret). It has consumer_key, consumer_secret, access_token. Add the missing keys; a half pair is never used as app-only auth.`,
    },
  },
];

const yamlRows: Row[] = [
  {
    name: "yaml: an empty file",
    store: "yaml",
    file: "# nothing yet\n",
    error: {
      code: "PROFILE_NOT_FOUND",
      message: (file) => `${file} has no profile "default" (it has no profiles); add a "default:" map.`,
    },
  },
  {
    name: "yaml: keys indented unevenly",
    store: "yaml",
    file: `default:\n  consumer_key: ${CK}\n consumer_secret: ${CS}\n`,
    error: {
      code: "STORE_UNREADABLE",
      line: 3,
      column: 1,
      message: (file) =>
        `${file} line 3, column 1: invalid YAML: the indentation is wrong (or a list or map is not closed) (BAD_INDENT).`,
    },
  },
  {
    name: "yaml: a tab used for indentation",
    store: "yaml",
    file: `default:\n\tconsumer_key: ${CK}\n`,
    error: {
      code: "STORE_UNREADABLE",
      line: 2,
      column: 1,
      message: (file) =>
        `${file} line 2, column 1: invalid YAML: a tab is used for indentation; indent with spaces (TAB_AS_INDENT).`,
    },
  },
  {
    name: "yaml: a quote never closed",
    store: "yaml",
    file: `default:\n  consumer_key: "${CK}\n`,
    error: {
      code: "STORE_UNREADABLE",
      line: 3,
      column: 1,
      message: (file) =>
        `${file} line 3, column 1: invalid YAML: a character is missing: an unclosed quote or bracket, or no space after ":" (MISSING_CHAR).`,
    },
  },
  {
    name: "yaml: a syntax error whose parser message would quote the secret",
    store: "yaml",
    file: `default:\n  consumer_key: |x${CK}\n    more\n`,
    error: {
      code: "STORE_UNREADABLE",
      line: 2,
      column: 18,
      message: (file) => `${file} line 2, column 18: invalid YAML: unexpected characters (UNEXPECTED_TOKEN).`,
    },
  },
  {
    name: "yaml: several documents in one file",
    store: "yaml",
    file: `${yamlFull}---\nbot2:\n  consumer_key: ${OTHER}\n`,
    error: {
      code: "STORE_UNREADABLE",
      line: 6,
      column: 1,
      message: (file) =>
        `${file} line 6, column 1: invalid YAML: the file holds several YAML documents (---); keep one (MULTIPLE_DOCS).`,
    },
  },
  {
    name: "yaml: values in double and single quotes",
    store: "yaml",
    file: yamlFull.replace(`: ${CK}`, `: "${CK}"`).replace(`: ${CS}`, `: '${CS}'`),
    loads: { credentials: user },
  },
  {
    name: "yaml: a tab and a newline pasted inside a quoted value",
    store: "yaml",
    file: yamlFull.replace(`: ${AS}`, `: "\\t${AS}\\n"`),
    loads: { credentials: user, warnings: ["VALUE_TRIMMED"] },
  },
  ...(
    [
      ["a number", "12345", "a number, not text; a credential is text: put the value in quotes"],
      ["a list", `[${CK}, ${OTHER}]`, "a list, not text; a credential is text: put the value in quotes"],
      ["a map", `{ part: ${CK} }`, "a map, not text; a credential is text: put the value in quotes"],
      ["null", "", "empty (null), not text; give it a value, or remove the key"],
    ] as const
  ).map(
    ([kind, value, problem]): Row => ({
      name: `yaml: a credential that is ${kind}`,
      store: "yaml",
      file: `bot2:\n  consumer_key:${value === "" ? "" : ` ${value}`}\n  consumer_secret: ${CS}\n`,
      profile: "bot2",
      error: {
        code: "CREDENTIALS_INVALID",
        line: 2,
        column: 3,
        keys: ["consumer_key"],
        message: (file) => `${file} line 2, column 3: bot2.consumer_key is ${problem}.`,
      },
    }),
  ),
  {
    name: "yaml: an anchor and alias bomb",
    store: "yaml",
    file: aliasBomb(),
    error: {
      code: "STORE_UNREADABLE",
      message: (file) =>
        `${file}: its aliases expand to more than 100 copies (a YAML alias bomb?); a credentials file needs no aliases.`,
    },
  },
  {
    name: "yaml: a key set twice",
    store: "yaml",
    file: `${yamlFull}  consumer_key: ${OTHER}\n`,
    error: {
      code: "CREDENTIALS_CONFLICT",
      line: 6,
      column: 3,
      keys: ["consumer_key"],
      message: (file) =>
        `${file} line 6, column 3: consumer_key is set again in profile "default" (first on line 2); keep one of them.`,
    },
  },
  {
    name: "yaml: two aliases of one credential that differ",
    store: "yaml",
    file: `${yamlFull}  API Key: ${OTHER}\n`,
    error: {
      code: "CREDENTIALS_CONFLICT",
      keys: ["consumer_key", "API Key"],
      message: (file) =>
        `${file} (profile "default"): consumer_key and API Key both set the consumer key (API Key) but differ; keep one of them.`,
    },
  },
  {
    name: "yaml: a missing profile",
    store: "yaml",
    file: `${yamlFull}bot2:\n  consumer_key: ${OTHER}\n`,
    profile: "bot3",
    error: {
      code: "PROFILE_NOT_FOUND",
      message: (file) =>
        `${file} has no profile "bot3" (profiles found: default, bot2); add a "bot3:" map, or pick one of those.`,
    },
  },
  {
    name: "yaml: a key option that names no map in the file",
    store: "yaml",
    file: yamlFull,
    options: { key: "twitter" },
    error: {
      code: "STORE_NOT_FOUND",
      keys: ["twitter"],
      message: (file) =>
        `${file} has no "twitter" key at the top level (keys found: default); check the \`key\` option.`,
    },
  },
  {
    name: "yaml: a profile with one key missing",
    store: "yaml",
    file: yamlFull.replace(`  consumer_secret: ${CS}\n`, ""),
    error: {
      code: "CREDENTIALS_MISSING",
      keys: ["consumer_secret"],
      message: (file) =>
        `${file} (profile "default"): missing consumer secret (API Key Secret) (consumer_secret). It has consumer_key, access_token, access_token_secret. Add the missing keys; a half pair is never used as app-only auth.`,
    },
  },
];

const envRows: Row[] = [
  {
    name: "env: a prefix that matches no variable",
    store: "env",
    env: { CONSUMER_KEY: CK, CONSUMER_SECRET: CS },
    options: { prefix: "MYAPP_" },
    error: {
      code: "STORE_NOT_FOUND",
      message: () =>
        "No environment variable starts with MYAPP_; set MYAPP_CONSUMER_KEY and the other keys, or check the prefix.",
    },
  },
  {
    name: "env: a missing profile",
    store: "env",
    env: { CONSUMER_KEY: CK, TWAUTH_BOT2_CONSUMER_KEY: OTHER },
    profile: "bot3",
    error: {
      code: "PROFILE_NOT_FOUND",
      message: () =>
        'environment variables have no profile "bot3" (profiles found: default, bot2); set TWAUTH_BOT3_CONSUMER_KEY and the other keys, or pick one of those.',
    },
  },
  {
    name: "env: whitespace around a value",
    store: "env",
    env: { CONSUMER_KEY: ` ${CK}\n`, CONSUMER_SECRET: CS, ACCESS_TOKEN: AT, ACCESS_TOKEN_SECRET: `\t${AS}` },
    loads: { credentials: user, warnings: ["VALUE_TRIMMED"] },
  },
  {
    name: "env: a profile with one key missing",
    store: "env",
    env: { TWAUTH_BOT2_CONSUMER_KEY: CK, TWAUTH_BOT2_CONSUMER_SECRET: CS, TWAUTH_BOT2_ACCESS_TOKEN: AT },
    profile: "bot2",
    error: {
      code: "CREDENTIALS_MISSING",
      keys: ["ACCESS_TOKEN_SECRET"],
      message: () =>
        'environment variables (profile "bot2"): missing access token secret (ACCESS_TOKEN_SECRET). It has CONSUMER_KEY, CONSUMER_SECRET, ACCESS_TOKEN. Add the missing keys; a half pair is never used as app-only auth.',
    },
  },
];

// Issue 11, item 2: characters no credential has, pasted from a web page, a chat app or an editor
// that "fixed" the quotes. Each store, each kind: rejected at resolve time naming file, line, key
// and the character, never the value.
const nonTextCharacters: readonly (readonly [string, string, string])[] = [
  ["a zero-width space", "\u200B", "a zero-width space (U+200B)"],
  ["a zero-width joiner", "\u200D", "a zero-width joiner (U+200D)"],
  ["a byte order mark inside the value", "\uFEFF", "a byte order mark (zero-width no-break space) (U+FEFF)"],
  ["a right-to-left override (bidi)", "\u202E", "a bidi control (U+202E)"],
  ["a left-to-right mark (bidi)", "\u200E", "a left-to-right mark (a bidi control) (U+200E)"],
  ["a typographic quote “", "\u201C", "a typographic quote “ (U+201C)"],
  ["a typographic quote ’", "\u2019", "a typographic quote ’ (U+2019)"],
  ["a DEL character", "\u007F", "a DEL character (U+007F)"],
  ["a bell (C0 control)", "\u0007", "a control character (U+0007)"],
  ["a NUL character", "\u0000", "a NUL character (U+0000)"],
];

// Inside the value: a parser trims some of these (a byte order mark) off the ends, as whitespace.
const cut = 9;
const before = CS.slice(0, cut);
const after = CS.slice(cut);

/** How each store's file holds CONSUMER_SECRET with `character` inside it. */
function withCharacter(store: StoreKind, character: string): Pick<Row, "file" | "env"> {
  const escaped = `\\u${character.codePointAt(0)!.toString(16).padStart(4, "0")}`;
  switch (store) {
    case "dotenv":
      return {
        file: dotenvFull.replace(`CONSUMER_SECRET=${CS}`, `CONSUMER_SECRET=${before}${character}${after}`),
      };
    case "ini":
      return {
        file: iniFull.replace(`consumer_secret = ${CS}`, `consumer_secret = "${before}${escaped}${after}"`),
      };
    case "yaml":
      return {
        file: yamlFull.replace(`consumer_secret: ${CS}`, `consumer_secret: "${before}${escaped}${after}"`),
      };
    case "env":
      return {
        env: {
          CONSUMER_KEY: CK,
          CONSUMER_SECRET: `${before}${character}${after}`,
          ACCESS_TOKEN: AT,
          ACCESS_TOKEN_SECRET: AS,
        },
      };
  }
}

const secretKeyOf: Record<StoreKind, string> = {
  dotenv: "CONSUMER_SECRET",
  ini: "consumer_secret",
  yaml: "consumer_secret",
  env: "CONSUMER_SECRET",
};

const nonTextRows: Row[] = (["dotenv", "ini", "yaml", "env"] as const).flatMap((store) =>
  nonTextCharacters.map(([what, character, description]): Row => {
    const key = secretKeyOf[store];
    const line = store === "dotenv" ? 2 : 3;
    const quotes = description.startsWith("a typographic quote")
      ? `; an editor or chat app replaced a plain quote: use " or ' (or none) around the value`
      : "";
    return {
      name: `${store}: ${what} in a value`,
      store,
      ...withCharacter(store, character),
      error: {
        code: "CREDENTIALS_INVALID",
        keys: [key],
        ...(store === "env" ? {} : { line }),
        message: (file) =>
          `${store === "env" ? 'environment variables (profile "default")' : `${file} line ${line}`}: the value of ${key} holds ${description} at position ${cut + 1}, which no consumer secret (API Key Secret) has${quotes}; type it again or copy it from the developer portal as plain text.`,
      },
    };
  }),
);

const halfPair = "Add the missing keys; a half pair is never used as app-only auth.";

// Issue 12: "did you mean" for a key with a typo, and a missing key named in the file's own style.
const suggestionRows: Row[] = [
  {
    name: "dotenv: a typo in a key name (CONSUMER_SECRT)",
    store: "dotenv",
    file: dotenvFull.replace("CONSUMER_SECRET=", "CONSUMER_SECRT="),
    error: {
      code: "CREDENTIALS_MISSING",
      keys: ["CONSUMER_SECRET"],
      message: (file) =>
        `${file} (profile "default"): missing consumer secret (API Key Secret) (CONSUMER_SECRET). It has CONSUMER_KEY, ACCESS_KEY, ACCESS_SECRET. ${halfPair} CONSUMER_SECRT is not a key twauth reads: did you mean CONSUMER_SECRET?`,
    },
  },
  {
    name: "dotenv: a typo in the seed tutorial's ACCESS_SECRET (ACESS_SECRET)",
    store: "dotenv",
    file: dotenvFull.replace("ACCESS_SECRET=", "ACESS_SECRET="),
    error: {
      code: "CREDENTIALS_MISSING",
      keys: ["ACCESS_SECRET"],
      message: (file) =>
        `${file} (profile "default"): missing access token secret (ACCESS_SECRET). It has CONSUMER_KEY, CONSUMER_SECRET, ACCESS_KEY. ${halfPair} ACESS_SECRET is not a key twauth reads: did you mean ACCESS_SECRET?`,
    },
  },
  {
    name: "dotenv: typos in both consumer keys, so no credentials are found",
    store: "dotenv",
    file: `CONSUMR_KEY=${CK}\nCONSUMR_SECRET=${CS}\n`,
    error: {
      code: "CREDENTIALS_MISSING",
      message: (file) =>
        `${missingCredentials(`${file} (profile "default")`)} CONSUMR_KEY is not a key twauth reads: did you mean CONSUMER_KEY? CONSUMR_SECRET is not a key twauth reads: did you mean CONSUMER_SECRET?`,
    },
  },
  {
    name: "dotenv: TWITTER_-prefixed portal names with the API Key Secret missing",
    store: "dotenv",
    file: `TWITTER_API_KEY=${CK}\nTWITTER_ACCESS_TOKEN=${AT}\nTWITTER_ACCESS_TOKEN_SECRET=${AS}\n`,
    error: {
      code: "CREDENTIALS_MISSING",
      keys: ["TWITTER_API_KEY_SECRET"],
      message: (file) =>
        `${file} (profile "default"): missing consumer secret (API Key Secret) (TWITTER_API_KEY_SECRET). It has TWITTER_API_KEY, TWITTER_ACCESS_TOKEN, TWITTER_ACCESS_TOKEN_SECRET. ${halfPair}`,
    },
  },
  {
    name: "ini: a typo in a lower-case key name (consumer_secrt)",
    store: "ini",
    file: iniFull.replace("consumer_secret =", "consumer_secrt ="),
    error: {
      code: "CREDENTIALS_MISSING",
      keys: ["consumer_secret"],
      message: (file) =>
        `${file} (profile "default"): missing consumer secret (API Key Secret) (consumer_secret). It has consumer_key, access_token, access_token_secret. ${halfPair} consumer_secrt is not a key twauth reads: did you mean consumer_secret?`,
    },
  },
  {
    name: "ini: api_key with its secret missing is told api_key_secret",
    store: "ini",
    file: `[default]\napi_key = ${CK}\naccess_token = ${AT}\naccess_token_secret = ${AS}\n`,
    error: {
      code: "CREDENTIALS_MISSING",
      keys: ["api_key_secret"],
      message: (file) =>
        `${file} (profile "default"): missing consumer secret (API Key Secret) (api_key_secret). It has api_key, access_token, access_token_secret. ${halfPair}`,
    },
  },
  {
    name: "yaml: a typo in a camelCase key name (accessTokenSecert)",
    store: "yaml",
    file: `default:\n  consumerKey: ${CK}\n  consumerSecret: ${CS}\n  accessToken: ${AT}\n  accessTokenSecert: ${AS}\n`,
    error: {
      code: "CREDENTIALS_MISSING",
      keys: ["accessTokenSecret"],
      message: (file) =>
        `${file} (profile "default"): missing access token secret (accessTokenSecret). It has consumerKey, consumerSecret, accessToken. ${halfPair} accessTokenSecert is not a key twauth reads: did you mean accessTokenSecret?`,
    },
  },
  {
    name: "yaml: the portal's labels as keys, with API Key Secret missing",
    store: "yaml",
    file: `default:\n  API Key: ${CK}\n  Access Token: ${AT}\n  Access Token Secret: ${AS}\n`,
    error: {
      code: "CREDENTIALS_MISSING",
      keys: ["API Key Secret"],
      message: (file) =>
        `${file} (profile "default"): missing consumer secret (API Key Secret) (API Key Secret). It has API Key, Access Token, Access Token Secret. ${halfPair}`,
    },
  },
  {
    name: "env: a typo in a TWITTER_-prefixed variable (TWITTER_CONSUMER_SECRT)",
    store: "env",
    env: { TWITTER_CONSUMER_KEY: CK, TWITTER_CONSUMER_SECRT: CS },
    error: {
      code: "CREDENTIALS_MISSING",
      keys: ["TWITTER_CONSUMER_SECRET"],
      message: () =>
        `environment variables (profile "default"): missing consumer secret (API Key Secret) (TWITTER_CONSUMER_SECRET). It has TWITTER_CONSUMER_KEY. ${halfPair} TWITTER_CONSUMER_SECRT is not a key twauth reads: did you mean TWITTER_CONSUMER_SECRET?`,
    },
  },
];

// Issue 11, item 8: what is not a regular file where the secret file should be: refused at once
// (a FIFO with no writer used to block the load, and the process, forever).
const fileTypeRows: Row[] = (["dotenv", "ini", "yaml"] as const).flatMap((store): Row[] => [
  {
    name: `${store}: a FIFO where the file should be`,
    store,
    special: "fifo",
    error: {
      code: "STORE_UNREADABLE",
      message: (file) =>
        `${file} is a named pipe (FIFO), not a regular file; a credentials file is a plain file: pass its path.`,
    },
  },
  {
    name: `${store}: a symlink to a device (/dev/zero) where the file should be`,
    store,
    special: "device",
    error: {
      code: "STORE_UNREADABLE",
      message: (file) =>
        `${file} is a device, not a regular file; a credentials file is a plain file: pass its path.`,
    },
  },
]);

// Issue 11, item 12: yaml's own features that would misread a file silently or with a misleading word.
const yamlStructureRows: Row[] = [
  {
    name: "yaml: a << merge key, which YAML 1.2 does not apply",
    store: "yaml",
    file: `base: &base\n  consumer_key: ${CK}\n  consumer_secret: ${CS}\ndefault:\n  <<: *base\n  access_token: ${AT}\n  access_token_secret: ${AS}\n`,
    error: {
      code: "STORE_UNREADABLE",
      line: 5,
      column: 3,
      keys: ["<<"],
      message: (file) =>
        `${file} line 5, column 3: a merge key (<<) is not applied: twauth reads YAML 1.2, which has no merge keys; write the keys out in each profile instead.`,
    },
  },
  {
    name: "yaml: an alias that refers to no anchor",
    store: "yaml",
    file: yamlFull.replace(`consumer_secret: ${CS}`, "consumer_secret: *app_secret"),
    error: {
      code: "STORE_UNREADABLE",
      line: 3,
      column: 20,
      message: (file) =>
        `${file} line 3, column 20: the alias *app_secret refers to no anchor: define &app_secret before it, or write the value out.`,
    },
  },
  {
    name: "yaml: an alias used before its anchor",
    store: "yaml",
    file: `default:\n  consumer_key: *ck\n  consumer_secret: ${CS}\nshared:\n  key: &ck ${CK}\n`,
    error: {
      code: "STORE_UNREADABLE",
      line: 2,
      column: 17,
      message: (file) =>
        `${file} line 2, column 17: the alias *ck refers to no anchor: define &ck before it, or write the value out.`,
    },
  },
];

const longValue = "v".repeat(600);

// Issue 11, items 7 and 9: saves that would leave a file the next load cannot read, or leave links stale.
const saveRows: Row[] = [
  ...(["dotenv", "ini", "yaml"] as const).map(
    (store): Row => ({
      name: `${store}: saving to a file with a second hard link`,
      store,
      file: fullFiles[store],
      special: "hardlink",
      save: { BEARER_TOKEN: OTHER },
      error: {
        code: "STORE_WRITE_FAILED",
        message: (file) =>
          `${file} has 2 hard links; a save replaces the file atomically, which would leave the other links with the old secrets. Keep one link (use a symlink for the others) and save again.`,
      },
    }),
  ),
  ...(["dotenv", "ini", "yaml"] as const).map(
    (store): Row => ({
      name: `${store}: saving a value with a line break`,
      store,
      file: fullFiles[store],
      save: { BEARER_TOKEN: `${OTHER}\n${OTHER}` },
      error: {
        code: "CREDENTIALS_INVALID",
        keys: ["BEARER_TOKEN"],
        message: (file) =>
          `${file} (profile "default"): the value for BEARER_TOKEN must be one line of text (no line break or NUL character).`,
      },
    }),
  ),
  {
    name: "dotenv: saving a value that would make the file larger than a load reads",
    store: "dotenv",
    file: dotenvFull,
    maxBytes: 512,
    save: { BEARER_TOKEN: longValue },
    error: {
      code: "STORE_WRITE_FAILED",
      message: (file) =>
        `${file} would be ${bytes(`${dotenvFull}BEARER_TOKEN=${longValue}\n`)} bytes after this save, over the 512-byte bound a load reads; the file is unchanged: save shorter values, or raise maxBytes.`,
    },
  },
  {
    name: "ini: saving a value that would make the file larger than a load reads",
    store: "ini",
    file: iniFull,
    maxBytes: 512,
    save: { BEARER_TOKEN: longValue },
    error: {
      code: "STORE_WRITE_FAILED",
      message: (file) =>
        `${file} would be ${bytes(`${iniFull}BEARER_TOKEN = ${longValue}\n`)} bytes after this save, over the 512-byte bound a load reads; the file is unchanged: save shorter values, or raise maxBytes.`,
    },
  },
  {
    name: "dotenv: saving a value with all three quote characters that ends in a backslash",
    store: "dotenv",
    file: dotenvFull,
    save: { BEARER_TOKEN: `'"\`${OTHER}\\` },
    error: {
      code: "CREDENTIALS_INVALID",
      keys: ["BEARER_TOKEN"],
      message: (file) =>
        `${file}: the value for BEARER_TOKEN cannot be written so that dotenv reads it back unchanged (it holds all three quote characters, or needs quotes and ends with a backslash).`,
    },
  },
  {
    name: "ini: saving the word true, which ini always reads as a boolean",
    store: "ini",
    file: iniFull,
    save: { BEARER_TOKEN: "true" },
    error: {
      code: "CREDENTIALS_INVALID",
      keys: ["BEARER_TOKEN"],
      message: (file) =>
        `${file}: the value for BEARER_TOKEN is the word "true", which ini always reads as a boolean, never as text.`,
    },
  },
  {
    name: 'ini: saving a value in double quotes ("…"), which loads back with its quotes',
    store: "ini",
    file: iniFull,
    save: { OTHER_SETTING: `"${OTHER}"` },
    loads: { credentials: user },
  },
  {
    name: "dotenv: saving a value with #, quotes and spaces, which loads back unchanged",
    store: "dotenv",
    file: dotenvFull,
    save: { OTHER_SETTING: `a #b 'c' "d"` },
    loads: { credentials: user },
  },
];

const catalog: Row[] = [
  ...fileRows,
  ...dotenvRows,
  ...iniRows,
  ...yamlRows,
  ...envRows,
  ...nonTextRows,
  ...suggestionRows,
  ...fileTypeRows,
  ...yamlStructureRows,
  ...saveRows,
];

function createStore(row: Row, file: string, onWarning: (warning: TwauthWarning) => void): SecretStore {
  switch (row.store) {
    case "env":
      return envStore({
        env: row.env ?? {},
        ...(row.options?.prefix === undefined ? {} : { prefix: row.options.prefix }),
      });
    case "dotenv":
      return dotenvStore({ path: file, onWarning, ...bound(row) });
    case "ini":
      return iniStore({ path: file, onWarning, ...bound(row) });
    case "yaml":
      return yamlStore({
        path: file,
        onWarning,
        ...bound(row),
        ...(row.options?.key === undefined ? {} : { key: row.options.key }),
      });
  }
}

function bound(row: Row): { maxBytes?: number } {
  return row.maxBytes === undefined ? {} : { maxBytes: row.maxBytes };
}

async function makeSpecial(row: Row, file: string): Promise<void> {
  if (row.special === "fifo") execFileSync("mkfifo", [file]);
  if (row.special === "device") await symlink("/dev/zero", file);
  if (row.special === "hardlink") await link(file, `${file}.copy`);
}

interface OutcomeError {
  code: string;
  message: string;
  line?: number;
  column?: number;
  keys?: string[];
}

interface Outcome {
  error?: OutcomeError;
  /** What a log or a debugger could show of the error: message, cause, util.inspect, JSON. */
  views: string[];
  credentials?: Credentials;
  warnings: TwauthWarningCode[];
}

const require = createRequire(import.meta.url);

/** Loads the store in a child process running as "nobody" (uid 65534), which may not read a 0600 file of root's. */
function loadAsNobody(row: Row, file: string): Outcome {
  const entry = require.resolve(`@twauth/store-${row.store}`);
  const factory = `${row.store}Store`;
  const isRoot = process.getuid?.() === 0;
  // The store's code loads first (a checkout under a private folder is not nobody's to read), then
  // the child drops to "nobody" (groups, gid, uid: what spawn's uid option would do) to read the file.
  const script = `
    import { inspect } from "node:util";
    const { ${factory} } = await import(${JSON.stringify(entry)});
    ${isRoot ? "process.setgroups([]); process.setgid(65534); process.setuid(65534);" : ""}
    try {
      await ${factory}({ path: ${JSON.stringify(file)}, onWarning: () => {} }).load();
      console.log(JSON.stringify({ views: [] }));
    } catch (error) {
      console.log(JSON.stringify({ error, views: [error.message, inspect(error.cause), inspect(error), JSON.stringify(error)] }));
    }`;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  expect(child.stderr).toBe("");
  return { ...JSON.parse(child.stdout), warnings: [] };
}

async function run(row: Row): Promise<{ outcome: Outcome; file: string }> {
  const temp = await createTempDirectory("twauth-catalog-");
  try {
    const file = row.store === "env" ? "" : temp.file(fileNames[row.store]);
    if (row.file === "directory") await mkdir(file);
    else if (row.file !== undefined) await writeFile(file, row.file, { mode: 0o600 });
    if (row.asNobody) {
      await chmod(temp.path, 0o755);
      if (process.getuid?.() !== 0) await chmod(file, 0o000);
      return { outcome: loadAsNobody(row, file), file };
    }
    await makeSpecial(row, file);
    const warnings: TwauthWarning[] = [];
    const onWarning = (warning: TwauthWarning) => warnings.push(warning);
    const store = createStore(row, file, onWarning);
    const profile = row.profile ?? "default";
    try {
      if (row.save !== undefined) await (store as WritableSecretStore).save(row.save, { profile });
      const record = await store.load({ profile });
      const credentials = resolveCredentials(record, { source: store.source, profile, onWarning });
      return {
        outcome: {
          credentials,
          views: warnings.map((warning) => warning.message),
          warnings: warnings.map((w) => w.code),
        },
        file,
      };
    } catch (error) {
      const views = [
        (error as Error).message,
        inspect((error as Error).cause, { depth: 5 }),
        inspect(error, { depth: 5 }),
        JSON.stringify(error),
        ...warnings.map((warning) => warning.message),
      ];
      return {
        outcome: { error: error as OutcomeError, views, warnings: warnings.map((w) => w.code) },
        file,
      };
    }
  } finally {
    await temp.cleanup();
  }
}

describe("bad-input catalog", () => {
  it("has at least 120 rows, each with one expectation", () => {
    expect(catalog.length).toBeGreaterThanOrEqual(120);
    for (const row of catalog)
      expect(Number(row.error !== undefined) + Number(row.loads !== undefined)).toBe(1);
    expect(new Set(catalog.map((row) => row.name)).size).toBe(catalog.length);
  });

  it.each(catalog.map((row) => [row.name, row] as const))("%s", async (_name, row) => {
    const { outcome, file } = await run(row);
    if (row.error !== undefined) {
      expect(outcome.credentials).toBeUndefined();
      expect(outcome.error?.code).toBe(row.error.code);
      expect(outcome.error?.message).toBe(row.error.message(file));
      if (row.error.line !== undefined) expect(outcome.error?.line).toBe(row.error.line);
      if (row.error.column !== undefined) expect(outcome.error?.column).toBe(row.error.column);
      if (row.error.keys !== undefined) expect(outcome.error?.keys).toEqual(row.error.keys);
    } else {
      expect(outcome.error).toBeUndefined();
      expect(outcome.credentials).toEqual(row.loads?.credentials);
      expect(outcome.warnings).toEqual(row.loads?.warnings ?? []);
    }
    for (const view of outcome.views) {
      for (const secret of secrets) expect(view).not.toContain(secret);
    }
  });
});
