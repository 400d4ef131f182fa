import base from "@chat/eslint-config";
import { apps, forbidImports, transports } from "@chat/eslint-config/boundaries";

export default [
  ...base,
  forbidImports({
    files: ["src/**/*.ts"],
    names: [...apps, ...transports],
    because: "The router knows no app and no transport: the process shell (@chat/server-kit) and the apps serve it.",
  }),
];
