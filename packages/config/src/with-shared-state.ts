import type { ApiConnection } from "@twauth/core";

/**
 * The connection, whose `close()` also lets go of the shared state made for it (a Redis client keeps
 * the process alive until closed; a file state writes what it still holds). Every other member is
 * the connection's own.
 *
 * @example
 * const shared = await createSharedState({ type: "file", path: "/tmp/limits.json" }, undefined);
 * const api = withSharedState(await getApiConnection({ store, ...shared.options }), shared.close);
 */
export function withSharedState(api: ApiConnection, closeShared: () => Promise<void>): ApiConnection {
  const close = () => {
    api.close();
    void closeShared();
  };
  const dispose = async () => {
    api.close();
    await closeShared();
  };
  // Methods bound once: a request through the proxy costs one lookup, not a new function.
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(api, {
    get(target, property) {
      if (property === "close") return close;
      if (property === Symbol.asyncDispose) return dispose;
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== "function") return value;
      if (!bound.has(property)) bound.set(property, value.bind(target));
      return bound.get(property);
    },
  });
}
