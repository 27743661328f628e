import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Proves each rule of .dependency-cruiser.cjs fires: every case plants a file importing the given
 * files, one cruise (the project's rules and resolution, in-process) reads the planted files and
 * what they import, and the planted files are removed right after it, even when it fails.
 */
interface Case {
  what: string;
  /**
   * Where the probe goes: a folder, and the start of its file name (a bridge's name must start with its two modules).
   */
  at: string;
  imports: string[];
  /** The rules it breaks; none for an allowed import. */
  breaks: string[];
}

const forbidden: Case[] = [
  {
    what: 'the domain importing the application',
    at: 'src/domain/catalog/',
    imports: ['src/application/catalog/ports/listing-repository.ts'],
    breaks: ['domain-is-pure'],
  },
  {
    what: 'the application importing an adapter',
    at: 'src/application/catalog/',
    imports: ['src/adapters/memory/catalog/memory-listing-repository.ts'],
    breaks: ['inner-layers-never-import-adapters'],
  },
  {
    what: "module A's application importing module B's",
    at: 'src/application/cart/',
    imports: ['src/application/catalog/ports/listing-repository.ts'],
    breaks: ['modules-stay-in-their-lane'],
  },
  {
    what: "module A's application importing module B's public API",
    at: 'src/application/cart/',
    imports: ['src/application/catalog/public.ts'],
    breaks: ['modules-stay-in-their-lane'],
  },
  {
    what: "module A's adapter importing module B's adapter",
    at: 'src/adapters/mongo/orders/',
    imports: ['src/adapters/mongo/catalog/mongo-listing-repository.ts'],
    breaks: ['module-adapters-keep-to-their-module'],
  },
  {
    what: "module A's routes importing module B's routes (another technology too)",
    at: 'src/adapters/http/cart/',
    imports: ['src/adapters/http/catalog/catalog-schemas.ts', 'src/adapters/shared/catalog/copies.ts'],
    breaks: ['module-adapters-keep-to-their-module'],
  },
  {
    what: "an adapter of A importing B's domain",
    at: 'src/adapters/http/cart/',
    imports: ['src/domain/catalog/listing.ts'],
    breaks: ['module-adapters-stay-in-their-lane'],
  },
  {
    what: "a bridge importing the serving module's repository",
    at: 'src/adapters/in-process/catalog-cart-',
    imports: ['src/application/catalog/ports/listing-repository.ts'],
    breaks: ['bridges-meet-through-public-apis'],
  },
  {
    what: "a bridge importing two modules' repositories",
    at: 'src/adapters/in-process/catalog-cart-',
    imports: [
      'src/application/catalog/ports/listing-repository.ts',
      'src/application/orders/ports/order-repository.ts',
    ],
    breaks: ['bridges-meet-through-public-apis'],
  },
  {
    what: "a bridge importing its consumer's repository",
    at: 'src/adapters/in-process/catalog-cart-',
    imports: ['src/application/cart/ports/cart-repository.ts'],
    breaks: ['bridges-meet-through-public-apis'],
  },
  {
    what: "a bridge importing the serving module's domain",
    at: 'src/adapters/in-process/identity-catalog-',
    imports: ['src/domain/identity/user.ts'],
    breaks: ['bridges-meet-through-public-apis'],
  },
  {
    what: 'a bridge importing an adapter',
    at: 'src/adapters/in-process/catalog-cart-',
    imports: ['src/adapters/memory/catalog/memory-listing-repository.ts'],
    breaks: ['bridges-meet-through-public-apis'],
  },
  {
    what: 'a bridge not named for its two modules',
    at: 'src/adapters/in-process/',
    imports: ['src/application/catalog/public.ts'],
    breaks: ['bridges-are-named-for-both-modules'],
  },
];

const allowed: Case[] = [
  {
    what: "a bridge importing the serving module's public API, the consumer's port and shared",
    at: 'src/adapters/in-process/catalog-cart-',
    imports: [
      'src/application/catalog/public.ts',
      'src/application/cart/ports/cart-catalog.ts',
      'src/application/shared/ports/page.ts',
      'src/domain/shared/money.ts',
    ],
    breaks: [],
  },
  {
    what: 'an adapter importing its module, the shared adapter folders and a top-level adapter file',
    at: 'src/adapters/mongo/orders/',
    imports: [
      'src/domain/orders/order.ts',
      'src/adapters/mongo/shared/mongo-outbox.ts',
      'src/adapters/shared/optional.ts',
      'src/adapters/mongo/mongo-connection.ts',
    ],
    breaks: [],
  },
];

const probeId = randomBytes(6).toString('hex');
const planted = [...forbidden, ...allowed].map((c, i) => ({
  ...c,
  file: `${c.at}dependency-probe-${probeId}-${i}.ts`,
}));

function specifier(from: string, to: string): string {
  const path = relative(dirname(from), to).replace(/\.ts$/, '.js');
  return path.startsWith('.') ? path : `./${path}`;
}

async function cruisePlanted(): Promise<ICruiseResult> {
  const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
  const tsConfig = extractTSConfig(options.tsConfig?.fileName ?? 'tsconfig.json');
  for (const { file, imports } of planted)
    writeFileSync(file, imports.map((to) => `import '${specifier(file, to)}';\n`).join(''));
  try {
    const { output } = await cruise(
      planted.map((p) => p.file),
      { ...options, maxDepth: 1 },
      {},
      { tsConfig },
    );
    return output as ICruiseResult;
  } finally {
    for (const { file } of planted) rmSync(file, { force: true });
  }
}

describe('dependency rules (.dependency-cruiser.cjs), each proved by a planted import', () => {
  let result: ICruiseResult;
  beforeAll(async () => {
    result = await cruisePlanted();
  });
  afterAll(() => {
    for (const { file } of planted) rmSync(file, { force: true });
  });

  const brokenRules = (file: string) =>
    [...new Set(result.summary.violations.filter((v) => v.from === file).map((v) => v.rule.name))].sort();

  it.each(planted.filter((p) => p.breaks.length > 0))('forbids $what', ({ file, imports, breaks }) => {
    expect(brokenRules(file)).toEqual(expect.arrayContaining(breaks));
    // every planted import is reported, not only the first
    const reported = new Set(result.summary.violations.filter((v) => v.from === file).map((v) => v.to));
    expect([...reported].sort()).toEqual([...imports].sort());
  });

  it.each(planted.filter((p) => p.breaks.length === 0))('allows $what', ({ file, imports }) => {
    expect(brokenRules(file)).toEqual([]);
    const cruised = result.modules.find((m) => m.source === file);
    expect(cruised?.dependencies.map((d) => d.resolved).sort()).toEqual([...imports].sort());
  });

  it('leaves no planted file behind', async () => {
    const { existsSync } = await import('node:fs');
    expect(planted.filter(({ file }) => existsSync(file))).toEqual([]);
  });
});
