import type { Container, ServiceIdentifier } from 'inversify';

type Dependencies<A extends unknown[]> = { [K in keyof A]: ServiceIdentifier<A[K]> };

/** Binds a use-case class as a singleton built from the given dependency tokens, in constructor order. */
export function bindUseCase(container: Container) {
  return <T, A extends unknown[]>(useCase: new (...args: A) => T, dependencies: Dependencies<A>): void => {
    container.bind(useCase).toResolvedValue((...args: unknown[]) => new useCase(...(args as A)), dependencies as never);
  };
}
