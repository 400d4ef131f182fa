import Link from "next/link";

import { CenteredCard } from "~/components/centered-card";

export default function NotFound() {
  return (
    <CenteredCard>
      <div className="flex flex-col items-center gap-3 text-center">
        <h1 className="text-2xl font-semibold text-strong">Page not found</h1>
        <p className="text-muted">The address may be mistyped, or the page has moved.</p>
        <Link href="/channels" className="text-[#00a8fc] hover:underline">
          Open Chat RTC
        </Link>
      </div>
    </CenteredCard>
  );
}
