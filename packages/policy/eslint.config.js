import base from "@chat/eslint-config";
import { forbidImports, serverSide } from "@chat/eslint-config/boundaries";

export default [
  ...base,
  forbidImports({
    files: ["**/*.ts"],
    names: serverSide,
    because: "@chat/policy runs in the browser: it imports nothing server-side.",
  }),
];
