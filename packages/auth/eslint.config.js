import base from "@chat/eslint-config";
import { apps, forbidImports } from "@chat/eslint-config/boundaries";

export default [
  ...base,
  forbidImports({
    files: ["**/*.ts"],
    names: ["@chat/api", "@chat/server-kit", ...apps],
    because: "Auth knows no router, no process shell and no app: they build on it, not the reverse.",
  }),
];
