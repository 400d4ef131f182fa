import { once } from "node:events";
import { createServer } from "node:net";

/** A free TCP port on the loopback interface (closed again before it is returned), for servers a test or bench starts. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}
