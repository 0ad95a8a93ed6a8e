import http from "node:http";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { httpRequest } from "./http-request.js";

// The fault tests count every failed request against the server, so the client they use must not
// fail where a browser would not. These tests drive it against a real socket server that plays the
// two ways a connection can be reset.

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

const OK = "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\nconnection: keep-alive\r\n\r\nok";

/**
 * Answers the first request of every connection; `onLater` decides what a later request on the same
 * connection gets. Resolves to the server's URL.
 */
async function socketServer(onLater: (socket: net.Socket) => void): Promise<string> {
  const server = net.createServer((socket) => {
    let requests = 0;
    socket.on("data", (chunk) => {
      // Each test request is one small packet ending its headers (GET, no body).
      if (!chunk.toString("latin1").includes("\r\n\r\n")) return;
      requests++;
      if (requests === 1) socket.write(OK);
      else onLater(socket);
    });
    socket.on("error", () => {});
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/`;
}

describe("httpRequest", () => {
  it("sends a request again on a new connection when the kept-alive one is reset as the request arrives", async () => {
    // The server closes its idle connection just as the client reuses it: a reset, request unread.
    const url = await socketServer((socket) => socket.resetAndDestroy());
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect((await httpRequest(url, { agent, timeoutMs: 5000 })).text).toBe("ok");
      const again = await httpRequest(url, { agent, timeoutMs: 5000 });
      expect(again).toMatchObject({ status: 200, text: "ok" });
    } finally {
      agent.destroy();
    }
  });

  it("still reports a reset of a new connection", async () => {
    const server = net.createServer((socket) => socket.on("data", () => socket.resetAndDestroy()));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/`;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      await expect(httpRequest(url, { agent, timeoutMs: 5000 })).rejects.toMatchObject({ code: "ECONNRESET" });
    } finally {
      agent.destroy();
    }
  });

  it("still reports a reset in the middle of an answer on a reused connection", async () => {
    const url = await socketServer((socket) => {
      socket.write("HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\npart");
      setTimeout(() => socket.resetAndDestroy(), 20);
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      await httpRequest(url, { agent, timeoutMs: 5000 });
      await expect(httpRequest(url, { agent, timeoutMs: 5000 })).rejects.toMatchObject({ code: "ECONNRESET" });
    } finally {
      agent.destroy();
    }
  });
});
