import { afterAll, afterEach, beforeAll } from "vitest";
import type { ApiConnection } from "../../src/connection/api-connection.js";
import type { ApiConnectionOptions } from "../../src/connection/connection-options.js";
import { getApiConnection } from "../../src/connection/get-api-connection.js";
import { startTestServer, type TestServer } from "./test-server.js";

export const userCredentials = {
  consumerKey: "consumer-key-0123456789",
  consumerSecret: "consumer-secret-0123456789",
  accessToken: "1234-access-token-0123456789",
  accessTokenSecret: "access-token-secret-0123456789",
};

/**
 * One test server per suite and a `connect()` that points a connection at it with test-friendly
 * defaults (no retry delay, no notices); connections are closed after each test.
 */
/** Options for a test connection; `undefined` removes a default (e.g. `credentials` when using a store). */
export type TestConnectionOptions = {
  [K in keyof ApiConnectionOptions]?: ApiConnectionOptions[K] | undefined;
};

export function useTestServer(): {
  server: () => TestServer;
  connect: (options?: TestConnectionOptions) => Promise<ApiConnection>;
} {
  let server: TestServer | undefined;
  const open: ApiConnection[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());
  afterEach(() => {
    for (const api of open.splice(0)) api.close();
  });
  return {
    server: () => server!,
    async connect(options = {}) {
      const api = await connectForTest(userCredentials, server!.url, options);
      open.push(api);
      return api;
    },
  };
}

/**
 * A connection with test-friendly defaults (no retry delay, no notices) to `baseUrl`; an option
 * given as `undefined` removes the default.
 */
export function connectForTest(
  credentials: ApiConnectionOptions["credentials"],
  baseUrl: string,
  options: TestConnectionOptions,
): Promise<ApiConnection> {
  const merged: Record<string, unknown> = {
    credentials,
    baseUrl,
    retryDelay: 0,
    waitOnRateLimitNotify: false,
    ...options,
  };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  return getApiConnection(merged as ApiConnectionOptions);
}
