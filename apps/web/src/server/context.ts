import { type ContextOptions, type SessionCache, createContext, createSessionCache, processLinkPreviews, processPushDelivery } from "@chat/api";
import { type Services, getServices } from "@chat/server-kit/services";

type RequestOptions = Pick<ContextOptions, "headers" | "responseHeaders" | "clientAddress" | "requestId">;

/** One per process's services: its entries are dropped by revocations heard on their bus. */
const sessionCaches = new WeakMap<Services, SessionCache>();

function sessionCacheOf(services: Services): SessionCache {
  let cache = sessionCaches.get(services);
  if (!cache) sessionCaches.set(services, (cache = createSessionCache({ bus: services.realtime.bus })));
  return cache;
}

/** The procedure context of one HTTP request, whichever adapter (tRPC, REST) serves it. */
export async function createRequestContext(options: RequestOptions) {
  const services = await getServices();
  return createContext({ ...services, sessionCache: sessionCacheOf(services), push: processPushDelivery(services), linkPreviews: processLinkPreviews(services), ...options });
}
