import { getSquareImage } from "~/server/square-image-http";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ userId: string; version: string; size: string }> };

export async function GET(req: Request, { params }: Params) {
  const { userId, ...rest } = await params;
  return getSquareImage(req, "avatars", { ownerId: userId, ...rest });
}
