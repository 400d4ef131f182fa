import base from "@chat/eslint-config";
import { apps, forbidImports, transports } from "@chat/eslint-config/boundaries";

export default [
  ...base,
  forbidImports({
    files: ["**/*.ts"],
    names: ["@chat/api", "@chat/db", ...transports, ...apps],
    because: "Storage keeps bytes and knows nothing of the router, the database or what runs it: they build on it.",
  }),
];
