/** Settings of the one app server the web tests share (global-setup.ts), for the tests that depend on them. */
export const sharedAppEnv = {
  /** Known to the tests, so that they can sign tokens the server accepts (expired ones, say). */
  AUTH_SECRET: "web-tests-shared-secret-web-tests-shared-secret",
  ALLOWED_ORIGINS: "https://bots.example.com, http://localhost:5173",
};
