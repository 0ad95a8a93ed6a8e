import net from "node:net";

/**
 * A loopback TCP proxy with a fixed port in front of a service whose port changes when it is
 * restarted (the embedded Meilisearch picks a free port on each start). While the target is down,
 * connections are refused from the proxy's side exactly as they would be from the service.
 */
export interface TcpProxy {
  url: string;
  port: number;
  /** Where new connections go (host:port); existing ones keep their upstream. */
  retarget(url: string): void;
  /** Cuts every open connection (what a dying service does to its clients). */
  dropConnections(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetUrl: string): Promise<TcpProxy> {
  let target = new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client);
    sockets.add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", close).on("close", close);
    upstream.on("error", close).on("close", close);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    retarget(url) {
      target = new URL(url);
    },
    dropConnections() {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
