export default function Home() {
  return (
    <main style={{ maxWidth: 640, margin: "10vh auto", padding: 24 }}>
      <h1>Chat RTC</h1>
      <p>The server is running. The API is served at <code>/api/trpc</code>; health at <code>/api/health</code>.</p>
    </main>
  );
}
