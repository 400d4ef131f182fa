export const dynamic = "force-dynamic";

/** Liveness: the process answers. Readiness (database reachable) is /api/ready. */
export function GET() {
  return Response.json({ status: "ok" });
}
