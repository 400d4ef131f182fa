import base from "@chat/eslint-config";
import { forbidImports, serverSide } from "@chat/eslint-config/boundaries";

export default [
  ...base,
  forbidImports({
    files: ["**/*.ts"],
    names: serverSide,
    because: "The validators run in the browser too: they import nothing server-side, the database schema least of all.",
  }),
];
