import { eq, servers } from "@chat/db";
import { fail } from "@chat/policy/errors";
import { authorize } from "@chat/policy/permissions";

import type { Context } from "../core/trpc";
import { deleteSquareImage, storageOf, storeSquareImage } from "../images/square-images";
import { iconUrlOf } from "../images/urls";
import { loadMembership } from "../members/membership";
import { publishActivity } from "../unread/activity";

type IconContext = Pick<Context, "db" | "storage" | "log" | "realtime"> & { user: { id: bigint } };

/** May the caller change the server's icon (MANAGE_SERVER)? Throws NOT_FOUND for non-members, FORBIDDEN for others. */
export async function authorizeIcon(ctx: IconContext, serverId: bigint) {
  authorize("server.setIcon", await loadMembership(ctx.db, serverId, ctx.user.id));
}

/** Replaces the server's icon with `input`; the caller must be allowed (authorizeIcon) first. */
export async function setServerIcon(ctx: IconContext, serverId: bigint, input: Buffer): Promise<{ iconUrl: string }> {
  await authorizeIcon(ctx, serverId);
  const version = await storeSquareImage(storageOf(ctx), "icons", serverId, input);
  await replaceIcon(ctx, serverId, version);
  return { iconUrl: iconUrlOf(serverId, version)! };
}

export async function removeServerIcon(ctx: IconContext, serverId: bigint): Promise<void> {
  await authorizeIcon(ctx, serverId);
  await replaceIcon(ctx, serverId, null);
}

async function replaceIcon(ctx: IconContext, serverId: bigint, version: string | null) {
  const previous = await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select({ icon: servers.icon }).from(servers).where(eq(servers.id, serverId)).for("update");
    if (!row) throw fail.notFound("Server");
    await tx.update(servers).set({ icon: version }).where(eq(servers.id, serverId));
    return row.icon;
  });
  await deleteSquareImage(ctx, "icons", serverId, previous);
  void publishActivity(ctx, { type: "serverIcon", serverId: String(serverId), iconUrl: iconUrlOf(serverId, version) });
}
