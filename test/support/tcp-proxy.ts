import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** One proxied connection: the client's socket and the one to the server. */
interface Link {
  client: Socket;
  upstream: Socket;
}

/**
 * A TCP proxy on 127.0.0.1 (random port) in front of a server, that a test can break:
 * - cut() destroys every open connection (both sides, as a network failure would) and refuses
 *   new ones (accepted and destroyed at once) until restore();
 * - freeze() stops carrying bytes on every connection, open or new, without closing any (a
 *   stalled network: the peers wait for answers) until thaw().
 */
export class TcpProxy {
  private readonly links = new Set<Link>();
  private isCut = false;
  private isFrozen = false;
  /** Connections accepted and forwarded so far. */
  connections = 0;

  private constructor(
    private readonly server: Server,
    private readonly target: { host: string; port: number },
  ) {
    server.on('connection', (client) => this.accept(client));
  }

  /** Starts a proxy to `target` (host:port), listening on 127.0.0.1. */
  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new TcpProxy(server, target);
  }

  /** A proxy in front of the server of `url` (amqp://, redis://, ...). */
  static forUrl(url: string): Promise<TcpProxy> {
    const parsed = new URL(url);
    return TcpProxy.start({ host: parsed.hostname, port: Number(parsed.port) });
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** `url` with its host and port replaced by the proxy's. */
  urlFor(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString();
  }

  cut(): void {
    this.isCut = true;
    for (const { client, upstream } of this.links) {
      client.destroy();
      upstream.destroy();
    }
    this.links.clear();
  }

  restore(): void {
    this.isCut = false;
  }

  freeze(): void {
    this.isFrozen = true;
    for (const link of this.links) stopCarrying(link);
  }

  thaw(): void {
    this.isFrozen = false;
    for (const link of this.links) carry(link);
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    if (this.isCut) {
      client.destroy();
      return;
    }
    this.connections += 1;
    const link = { client, upstream: createConnection(this.target) };
    this.links.add(link);
    for (const [from, to] of [
      [link.client, link.upstream],
      [link.upstream, link.client],
    ] as const) {
      from.on('error', () => to.destroy());
      from.on('close', () => {
        this.links.delete(link);
        to.destroy();
      });
    }
    if (this.isFrozen) stopCarrying(link);
    else carry(link);
  }
}

function carry({ client, upstream }: Link): void {
  client.pipe(upstream);
  upstream.pipe(client);
}

function stopCarrying({ client, upstream }: Link): void {
  client.unpipe(upstream);
  upstream.unpipe(client);
  client.pause();
  upstream.pause();
}
