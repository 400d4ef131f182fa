/**
 * The authorization matrix over the WebSocket endpoint (/api/ws) of the real app server, which
 * serves every procedure: subscriptions, and queries and mutations for WebSocket-only clients.
 */
import { inject } from "vitest";

import { useOwnClientAddress } from "../support/client-address";
import { describeMatrix, wsTransport } from "../support/matrix";

useOwnClientAddress();
const baseUrl = inject("baseUrl");

describeMatrix(baseUrl, () => wsTransport(baseUrl));
