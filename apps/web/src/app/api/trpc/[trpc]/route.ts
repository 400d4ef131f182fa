import { handleTrpcRequest } from "~/server/trpc-handler";

export const dynamic = "force-dynamic";

const handler = (req: Request) => handleTrpcRequest(req, req.headers.get("x-real-ip") ?? undefined);

export { handler as GET, handler as POST };
