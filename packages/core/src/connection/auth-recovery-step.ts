import type { Authorizer } from "../auth/authorizer.js";
import type { SendStep } from "./pipeline.js";

export interface AuthRecoveryDependencies {
  readonly authorizer: () => Authorizer;
  /** Bumped whenever the credentials are replaced (a store reload that found rotated ones). */
  readonly generation: () => number;
  /** True when the connection has a store to reload after a 401. */
  readonly canReload: boolean;
  /**
   * Reloads the store once (however many calls ask at the same time) unless the credentials already
   * changed since `generation`; says whether they are different now.
   */
  readonly reloadSince: (generation: number) => Promise<{ changed: boolean; error?: unknown }>;
}

/**
 * After a 401 to a call the connection authorized (not a token endpoint's): once, a fresh bearer
 * token (app-only, exchanged); then once, the store's current credentials (rotated elsewhere). At
 * most three attempts; a 401 that survives both is returned for the error to say so.
 */
export function createAuthRecoveryStep(dependencies: AuthRecoveryDependencies): SendStep {
  const recover: SendStep = async (call, progress, next) => {
    for (;;) {
      const generation = dependencies.generation();
      const answer = await next(call, progress);
      if (answer.status !== 401 || call.authorization !== undefined) return answer;
      if (!progress.renewed && (await dependencies.authorizer().renew(progress.authorization))) {
        progress.renewed = true;
        continue;
      }
      if (progress.reloaded || !dependencies.canReload) return answer;
      progress.reloaded = true;
      const rotation = await dependencies.reloadSince(generation);
      if (rotation.changed) continue;
      progress.recoveryError = rotation.error;
      return answer;
    }
  };
  return recover;
}
