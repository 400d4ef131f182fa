import { removeAvatar, setAvatar } from "@chat/api";

import { deleteSquareImage, putSquareImage } from "~/server/square-image-http";

export const dynamic = "force-dynamic";

/** Sets the caller's avatar from the body (an image, ≤ 8 MiB): `{ avatarUrl }`. */
export const PUT = (req: Request) => putSquareImage(req, async () => undefined, setAvatar);

/** Removes it, as `user.removeAvatar` does. */
export const DELETE = (req: Request) => deleteSquareImage(req, (ctx) => removeAvatar(ctx));
