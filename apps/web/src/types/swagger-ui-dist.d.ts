declare module "swagger-ui-dist/absolute-path.js" {
  /** The folder of the installed swagger-ui-dist package. */
  export default function getAbsoluteFSPath(): string;
}
