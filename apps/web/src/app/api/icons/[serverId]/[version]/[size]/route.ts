import { getSquareImage } from "~/server/square-image-http";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ serverId: string; version: string; size: string }> };

export async function GET(req: Request, { params }: Params) {
  const { serverId, ...rest } = await params;
  return getSquareImage(req, "icons", { ownerId: serverId, ...rest });
}
