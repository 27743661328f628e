/**
 * Whether the module at `moduleUrl` is the script node was started with (`tsx bench/x.bench.ts`), as
 * opposed to imported by another one (bench:all's child runner): a bench runs its CLI only then.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export function isEntry(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && pathToFileURL(resolve(script)).href === moduleUrl;
}
