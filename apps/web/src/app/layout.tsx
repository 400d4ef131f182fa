import type { ReactNode } from "react";

export const metadata = { title: "Chat RTC", description: "Self-hostable realtime chat" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ margin: 0, fontFamily: "system-ui, sans-serif", background: "#1e1f22", color: "#dbdee1" }}>
        {children}
      </body>
    </html>
  );
}
