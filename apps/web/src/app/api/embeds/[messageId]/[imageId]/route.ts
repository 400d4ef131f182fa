import { handleEmbedImage } from "~/server/embed-image-route";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ messageId: string; imageId: string }> }) {
  const { messageId, imageId } = await params;
  return handleEmbedImage(req, messageId, imageId);
}
