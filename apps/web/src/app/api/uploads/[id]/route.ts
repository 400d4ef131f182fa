import { handleUpload } from "~/server/upload-route";

export const dynamic = "force-dynamic";

export async function PUT(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleUpload(req, id);
}
