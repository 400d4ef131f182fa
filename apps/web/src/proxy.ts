import { type NextRequest, NextResponse } from "next/server";

/**
 * Tells the protected pages which address was asked for, so that a visitor without a valid
 * session is sent to log in and brought back there. Whether the session is valid is decided by
 * the API in the page's layout, not here.
 */
export function proxy(request: NextRequest) {
  const forwarded = new Headers(request.headers);
  forwarded.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers: forwarded } });
}

export const config = { matcher: ["/channels/:path*", "/invite/:path*"] };
