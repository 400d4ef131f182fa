import { eq, serverMembers, users } from "@chat/db";
import { fail } from "@chat/policy/errors";

import { announceToSessions } from "../account/session-revocation";
import type { Context } from "../core/trpc";
import { announceMember } from "../members/announce";
import { toMember } from "../members/dto";
import { memberColumns } from "../members/member-row";
import { deleteSquareImage, storageOf, storeSquareImage } from "../images/square-images";
import { avatarUrlOf } from "../images/urls";

type AvatarContext = Pick<Context, "db" | "storage" | "log" | "realtime" | "sessionCache"> & { user: { id: bigint } };

/** Replaces the caller's avatar with `input` (any PNG, JPEG, GIF, WebP or AVIF); returns its URL. */
export async function setAvatar(ctx: AvatarContext, input: Buffer): Promise<{ avatarUrl: string }> {
  const version = await storeSquareImage(storageOf(ctx), "avatars", ctx.user.id, input);
  await replaceAvatar(ctx, version);
  return { avatarUrl: avatarUrlOf(ctx.user.id, version)! };
}

/** Removes the caller's avatar: initials show again. */
export async function removeAvatar(ctx: AvatarContext): Promise<void> {
  await replaceAvatar(ctx, null);
}

async function replaceAvatar(ctx: AvatarContext, version: string | null) {
  const previous = await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select({ avatar: users.avatar }).from(users).where(eq(users.id, ctx.user.id)).for("update");
    if (!row) throw fail.unauthorized();
    await tx.update(users).set({ avatar: version }).where(eq(users.id, ctx.user.id));
    return row.avatar;
  });
  await deleteSquareImage(ctx, "avatars", ctx.user.id, previous);
  // Sessions carry the avatar (`auth.me` answers from them).
  await announceToSessions(ctx, ctx.user.id, { kind: "accountChanged" });
  await announceAvatar(ctx);
}

/** Each server's member list shows the new picture: the member event of every server they are in. */
async function announceAvatar(ctx: AvatarContext) {
  const rows = await ctx.db
    .select({ ...memberColumns, serverId: serverMembers.serverId })
    .from(serverMembers)
    .innerJoin(users, eq(users.id, serverMembers.userId))
    .where(eq(serverMembers.userId, ctx.user.id));
  for (const row of rows) announceMember(ctx, row.serverId, toMember(row));
}
