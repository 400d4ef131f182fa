/** Settings of the one app server the web tests share (global-setup.ts), for the tests that depend on them. */
export const sharedAppEnv = {
  /** Known to the tests, so that they can sign tokens the server accepts (expired ones, say). */
  AUTH_SECRET: "web-tests-shared-secret-web-tests-shared-secret",
  /** Trusted with the session cookie and for CORS: may open WebSockets and send cookie-authenticated mutations. */
  ALLOWED_ORIGINS: "https://bots.example.com, http://localhost:5173, https://app.example.com",
  /**
   * The authorization matrix builds a server for each allowed mutation, as one owner: over a
   * thousand calls a minute with roles, pins and timeouts in the table. The calls limit has tests of
   * its own (packages/api, rate-limit.test.ts); here it would only refuse the matrix's fixtures.
   */
  RATE_LIMIT_CALLS: "100000/1m",
};

/** The ALLOWED_ORIGINS entries, one origin each. */
export const allowedOrigins = sharedAppEnv.ALLOWED_ORIGINS.split(",").map((origin) => origin.trim());
