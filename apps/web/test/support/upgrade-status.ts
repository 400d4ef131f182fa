import { WebSocket } from "ws";

/** How the server answers a WebSocket upgrade at `url`: 101 when it opens, else the refusal's status. */
export async function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  const socket = new WebSocket(url, { headers });
  return new Promise((resolve) => {
    socket.once("open", () => {
      socket.close();
      resolve(101);
    });
    socket.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
  });
}
