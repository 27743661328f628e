import type { Container, ServiceIdentifier } from 'inversify';
import type { Config } from '../config.js';
import { RuntimeToken, type Runtime } from '../adapters/platform/runtime.js';
import { backendHealthCheck, type Backend } from './backend-health.js';

export type { Backend };
/** What serves a port: a configured backend, or this process (`memory`, the embedded default). */
export type Technology = Backend | 'memory';

type Build<T> = (container: Container) => T | Promise<T>;

/** One port of a module's wiring table: its adapter per technology, chosen by the config. */
export interface PortWiring<T> {
  /** The port's name in the adapter report. */
  name: string;
  token: ServiceIdentifier<T>;
  /** `memory` serves when none of the other technologies' backends is configured. */
  adapters: { memory: Build<T> } & { [B in Backend]?: Build<T> };
  /** How the report names an adapter, when not by its technology. */
  labels?: { [K in Technology]?: string };
}

/** A module's ports, bound in this order (a later port's adapter may use an earlier one). */
export type PortTable = readonly PortWiring<never>[];

/** Declares a port of a table, typing its adapters against its token. */
export function port<T>(wiring: PortWiring<T>): PortWiring<never> {
  return wiring as PortWiring<never>;
}

const BACKENDS: Record<Backend, (config: Config) => unknown> = {
  mongodb: (config) => config.mongo,
  redis: (config) => config.redis,
  rabbitmq: (config) => config.amqp,
  s3: (config) => config.s3,
  fcm: (config) => config.fcm,
};

export function configuredBackends(config: Config): Backend[] {
  return (Object.keys(BACKENDS) as Backend[]).filter((backend) => BACKENDS[backend](config) !== undefined);
}

/** The first of the port's technologies whose backend is configured; `memory` when there is none. */
export function chosenTechnology(wiring: PortWiring<never>, config: Config): Technology {
  const configured = configuredBackends(config);
  const technologies = Object.keys(wiring.adapters) as Technology[];
  return technologies.find((technology) => technology !== 'memory' && configured.includes(technology)) ?? 'memory';
}

/** The adapter report's entry of a port: the label (or name) of its chosen technology. */
export function describePort(wiring: PortWiring<never>, config: Config): string {
  const technology = chosenTechnology(wiring, config);
  return wiring.labels?.[technology] ?? technology;
}

/**
 * Binds each port of the table to the adapter its config chooses, and has `/readyz` check every
 * backend a chosen adapter uses (once per backend).
 */
export async function bindPorts(container: Container, config: Config, table: PortTable): Promise<void> {
  const runtime = container.get<Runtime>(RuntimeToken);
  for (const wiring of table) {
    const technology = chosenTechnology(wiring, config);
    const build = wiring.adapters[technology] as Build<unknown>;
    container.bind(wiring.token as ServiceIdentifier).toConstantValue(await build(container));
    if (technology === 'memory' || runtime.healthChecks.some((check) => check.name === technology)) continue;
    const check = backendHealthCheck(container, technology);
    if (check) runtime.healthChecks.push(check);
  }
}
