import { handleEmojiUpload } from "~/server/emoji-routes";

export const dynamic = "force-dynamic";

export async function PUT(req: Request, { params }: { params: Promise<{ serverId: string }> }) {
  const { serverId } = await params;
  return handleEmojiUpload(req, serverId);
}
