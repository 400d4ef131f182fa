import type { ReactNode } from "react";

import { HomeSidebar } from "~/features/shell/home-sidebar";

/** DMs and groups sit on Home: its sidebar lists them beside the open one. (`me` is a literal segment, so it wins over `[serverId]`.) */
export default function ConversationsLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <HomeSidebar />
      {children}
    </>
  );
}
