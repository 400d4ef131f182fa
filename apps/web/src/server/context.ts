import { type ContextOptions, createContext } from "@chat/api";
import { getServices } from "@chat/server-kit/services";

type RequestOptions = Pick<ContextOptions, "headers" | "responseHeaders" | "clientAddress" | "requestId">;

/** The procedure context of one HTTP request, whichever adapter (tRPC, REST) serves it. */
export async function createRequestContext(options: RequestOptions) {
  return createContext({ ...(await getServices()), ...options });
}
