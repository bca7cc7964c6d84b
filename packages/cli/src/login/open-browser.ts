import { spawn } from "node:child_process";

export interface BrowserEnvironment {
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  /** Whether stdout is a terminal: someone is sitting there. */
  readonly interactive: boolean;
}

/**
 * Whether opening a browser makes sense: a person at a terminal, on a desktop (macOS, Windows, or a
 * Linux/BSD session with a display), and not in CI. Scripts and tests never get a browser.
 */
export function canOpenBrowser(environment: BrowserEnvironment): boolean {
  if (!environment.interactive) return false;
  if (environment.env.CI !== undefined && environment.env.CI !== "" && environment.env.CI !== "false")
    return false;
  if (environment.platform === "darwin" || environment.platform === "win32") return true;
  return Boolean(environment.env.DISPLAY || environment.env.WAYLAND_DISPLAY);
}

/** The platform's own opener: `open`, `start` (through cmd) or `xdg-open`. */
export function browserCommand(platform: NodeJS.Platform, url: string): [string, string[]] {
  if (platform === "darwin") return ["open", [url]];
  // `start` is a cmd builtin; its first quoted argument is a window title, and & must be escaped.
  if (platform === "win32") return ["cmd", ["/c", "start", '""', url.replace(/&/g, "^&")]];
  return ["xdg-open", [url]];
}

/** Opens `url` in the default browser, detached; resolves false if the opener could not be started. */
export function openBrowser(platform: NodeJS.Platform, url: string): Promise<boolean> {
  const [command, args] = browserCommand(platform, url);
  return new Promise((resolve) => {
    try {
      const child = spawn(command, args, { detached: true, stdio: "ignore", windowsHide: true });
      child.once("error", () => resolve(false));
      child.once("spawn", () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
