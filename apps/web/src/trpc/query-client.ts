import { QueryCache, QueryClient, defaultShouldDehydrateQuery } from "@tanstack/react-query";
import superjson from "superjson";

import { isClientFault } from "~/lib/api-error";

/**
 * One factory for the browser's cache and each server render's: superjson carries Dates and
 * other rich values across hydration, and a refused request (4xx) is not retried.
 */
export function makeQueryClient(onQueryError?: (error: unknown) => void) {
  return new QueryClient({
    queryCache: new QueryCache({ onError: onQueryError }),
    defaultOptions: {
      queries: {
        // Live events keep cached data current, so a refetch on every mount would only add load.
        staleTime: 30_000,
        retry: (failures, error) => !isClientFault(error) && failures < 3,
      },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
