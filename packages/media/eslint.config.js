import base from "@chat/eslint-config";
import { apps, forbidImports, transports } from "@chat/eslint-config/boundaries";

export default [
  ...base,
  forbidImports({
    files: ["**/*.ts"],
    names: ["@chat/api", "@chat/db", "@chat/storage", ...transports, ...apps],
    because: "Media turns bytes into images and knows nothing of storage, the router, the database or what runs it.",
  }),
];
