export { default } from "@chat/vitest-config";
