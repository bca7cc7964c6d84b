import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { defaultApp, defaultUser, secondUser } from "../src/defaults.js";
import { startEmulator } from "../src/start-emulator.js";

describe("starting and stopping", () => {
  it("listens on 127.0.0.1 on a free port and closes on `await using`", async () => {
    let url: string;
    {
      await using emu = await startEmulator();
      url = emu.url;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(emu.port).toBe(Number(new URL(url).port));
      expect((await fetch(`${url}/2/unknown`)).status).toBe(404);
    }
    await expect(fetch(`${url}/2/unknown`)).rejects.toThrow(/fetch failed/);
  });

  it("closes idle keep-alive sockets on stop, and stop is idempotent", async () => {
    const emu = await startEmulator();
    const agentResponse = await new Promise<{ socketClosed: Promise<void> }>((resolve, reject) => {
      const outgoing = request(
        `${emu.url}/2/unknown`,
        { headers: { connection: "keep-alive" } },
        (response) => {
          response.resume();
          const socket = response.socket;
          resolve({ socketClosed: new Promise((closed) => socket.once("close", () => closed())) });
        },
      );
      outgoing.once("error", reject);
      outgoing.end();
    });
    await Promise.all([emu.stop(), emu.stop()]);
    await agentResponse.socketClosed;
    await emu.stop();
  });

  it("starts with the built-in app and users", async () => {
    await using emu = await startEmulator();
    expect(emu.apps()).toEqual([defaultApp]);
    expect(emu.users()).toEqual([
      defaultUser,
      { id: secondUser.id, username: secondUser.username, name: secondUser.name },
    ]);
    expect(emu.user("@TWAUTH_EMULATOR")?.id).toBe(defaultUser.id);
  });

  it("refuses a non-loopback host, a bad port and a duplicate consumer key", async () => {
    await expect(startEmulator({ host: "0.0.0.0" })).rejects.toThrow(
      "host must be a loopback address (127.0.0.1, ::1 or localhost); got 0.0.0.0",
    );
    await expect(startEmulator({ port: 70_000 })).rejects.toThrow("port must be an integer from 0 to 65535");
    await using emu = await startEmulator();
    expect(() => emu.addApp({ consumerKey: defaultApp.consumerKey })).toThrow(
      `an app with consumer key ${defaultApp.consumerKey} already exists`,
    );
  });

  it("uses given apps and users instead of the built-in ones, generating what is missing", async () => {
    await using emu = await startEmulator({
      apps: [{ name: "only app" }],
      users: [{ username: "only_user" }],
    });
    const [app] = emu.apps();
    expect(app).toMatchObject({ name: "only app", accessLevel: "read-write", callbackUrls: [] });
    expect(app?.consumerKey).toMatch(/^[A-Za-z0-9]{25}$/);
    const [user] = emu.users();
    expect(user?.accessToken).toMatch(new RegExp(`^${user?.id}-[A-Za-z0-9]{40}$`));
    expect(user?.accessTokenSecret).toMatch(/^[A-Za-z0-9]{45}$/);
  });
  it("gives a user added without an id a fresh one, not the default user's", async () => {
    await using emu = await startEmulator();
    const first = emu.addUser({ username: "news_bot" });
    const second = emu.addUser({ username: "other_bot" });
    expect(new Set([defaultUser.id, secondUser.id, first.id, second.id]).size).toBe(4);
    expect(first.id).toMatch(/^\d{19}$/);
    expect(emu.user("news_bot")?.accessToken).toMatch(new RegExp(`^${first.id}-`));
  });
});
