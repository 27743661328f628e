import type { Container, ServiceIdentifier } from 'inversify';

type Dependencies<A extends unknown[]> = { [K in keyof A]: ServiceIdentifier<A[K]> };

/** Binds a use-case class as a singleton built from the given dependency tokens, in constructor order. */
export function bindUseCase(container: Container) {
  return <T, A extends unknown[]>(useCase: new (...args: A) => T, dependencies: Dependencies<A>): void => {
    container.bind(useCase).toResolvedValue((...args: unknown[]) => new useCase(...(args as A)), dependencies as never);
  };
}

type Members<T> = { [K in keyof T]: ServiceIdentifier<T[K]> };

/**
 * Binds `token` to one object holding each member's binding: a module's use cases, handed to its
 * driving adapters (the HTTP routes) instead of the container.
 */
export function bindUseCaseSet<T extends object>(
  container: Container,
  token: ServiceIdentifier<T>,
  members: Members<T>,
): void {
  const names = Object.keys(members) as (keyof T & string)[];
  const build = (...values: unknown[]) => Object.fromEntries(names.map((name, i) => [name, values[i]])) as T;
  container.bind(token).toResolvedValue(build, names.map((name) => members[name]) as never);
}
