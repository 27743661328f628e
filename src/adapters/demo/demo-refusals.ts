import { DomainError } from '../../domain/shared/domain-error.js';
import type { Logger } from '../platform/logger.js';

/**
 * Runs one step of a demo actor. A refusal of the rules (someone bid meanwhile, the auction ended, a rate limit)
 * is what real users meet too: logged at debug level, and the actor carries on at its next tick. Any other failure
 * is logged as a warning, and the step is skipped the same way: a demo actor never stops its timer.
 */
export async function attempt<T>(logger: Logger, step: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof DomainError) logger.debug({ code: err.code, step }, `demo: ${step} refused`);
    else logger.warn({ err, step }, `demo: ${step} failed`);
    return undefined;
  }
}
