import { authorizeIcon, removeServerIcon, setServerIcon } from "@chat/api";

import { deleteSquareImage, putSquareImage } from "~/server/square-image-http";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ serverId: string }> };

/** An id that is no snowflake names no server: 0, which authorization answers with NOT_FOUND. */
const serverIdOf = async ({ params }: Params) => {
  const { serverId } = await params;
  return /^[0-9]{1,19}$/.test(serverId) ? BigInt(serverId) : 0n;
};

/** Sets the server's icon from the body (an image, ≤ 8 MiB): `{ iconUrl }`. Needs MANAGE_SERVER. */
export async function PUT(req: Request, context: Params) {
  const serverId = await serverIdOf(context);
  return putSquareImage(
    req,
    (ctx) => authorizeIcon(ctx, serverId),
    (ctx, bytes) => setServerIcon(ctx, serverId, bytes),
  );
}

/** Removes it, as `server.removeIcon` does. */
export async function DELETE(req: Request, context: Params) {
  const serverId = await serverIdOf(context);
  return deleteSquareImage(req, (ctx) => removeServerIcon(ctx, serverId));
}
