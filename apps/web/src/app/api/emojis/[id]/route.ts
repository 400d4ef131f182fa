import { handleEmojiImage } from "~/server/emoji-routes";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleEmojiImage(req, id);
}
