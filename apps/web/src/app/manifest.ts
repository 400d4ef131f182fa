import type { MetadataRoute } from "next";

/** Installable as an app (standalone window, its own icon); colours match the dark theme's rail and background. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/",
    name: "Chat RTC",
    short_name: "Chat RTC",
    description: "Self-hostable realtime chat",
    start_url: "/channels",
    scope: "/",
    display: "standalone",
    background_color: "#1e1f22",
    theme_color: "#1e1f22",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
