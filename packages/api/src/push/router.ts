import { and, eq, nextId, pushSubscriptions, sql } from "@chat/db";
import { fail } from "@chat/policy/errors";
import { pushEndpointInput, pushSubscriptionInput } from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { rest } from "../core/rest";
import { type Context, authedProcedure } from "../core/trpc";

const publicKeyOutput = z
  .object({ publicKey: z.string().meta({ description: "The VAPID public key (base64url): `applicationServerKey` of `PushManager.subscribe`" }) })
  .meta({ id: "PushPublicKey" });
const subscribedOutput = z.object({ subscribed: z.boolean() }).meta({ id: "PushSubscriptionState" });

function deliveryOf(ctx: Pick<Context, "push">) {
  if (!ctx.push) throw fail.notFound("Push notifications");
  return ctx.push;
}

/**
 * Web Push on this device: the server's public key, then the browser's subscription. A device
 * (its endpoint) has one subscription: subscribing again, after a sign-in as someone else or new
 * keys, replaces its owner and keys. Each caller removes only their own.
 */
export const pushRouter = {
  publicKey: authedProcedure
    .meta(rest("GET", "/push/public-key", { summary: "The server's Web Push (VAPID) public key", errors: [404] }))
    .output(publicKeyOutput)
    .query(({ ctx }) => ({ publicKey: deliveryOf(ctx).publicKey })),

  subscribe: authedProcedure
    .meta(
      rest("PUT", "/push/subscription", {
        summary: "Notify this device",
        description: "The browser's `PushSubscription` as JSON; the endpoint must be https. Replaces the device's earlier subscription.",
        errors: [400, 404],
      }),
    )
    .input(pushSubscriptionInput)
    .output(subscribedOutput)
    .mutation(async ({ ctx, input }) => {
      deliveryOf(ctx);
      const keys = { userId: ctx.user.id, p256dh: input.keys.p256dh, auth: input.keys.auth };
      await ctx.db
        .insert(pushSubscriptions)
        .values({ id: nextId(), endpoint: input.endpoint, ...keys })
        .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: { ...keys, createdAt: sql`now()` } });
      return { subscribed: true };
    }),

  unsubscribe: authedProcedure
    .meta(rest("DELETE", "/push/subscription", { summary: "Stop notifying this device", description: "`endpoint`: the subscription's, as given to subscribe.", errors: [400] }))
    .input(pushEndpointInput)
    .output(subscribedOutput)
    .mutation(async ({ ctx, input }) => {
      await ctx.db
        .delete(pushSubscriptions)
        .where(and(eq(pushSubscriptions.endpoint, input.endpoint), eq(pushSubscriptions.userId, ctx.user.id)));
      return { subscribed: false };
    }),
} satisfies TRPCRouterRecord;
