/** What went wrong with an image, as a transport-neutral error the app maps to a status (415, 413, 400). */
export class MediaError extends Error {
  constructor(
    readonly reason: "unsupported" | "too_large" | "corrupt",
    message: string,
  ) {
    super(message);
    this.name = "MediaError";
  }
}

export const unsupported = () => new MediaError("unsupported", "Not a PNG, JPEG, GIF, WebP or AVIF image.");
export const tooLarge = (limit: number) => new MediaError("too_large", `The image has more than ${limit} pixels.`);
export const corrupt = () => new MediaError("corrupt", "The image could not be read.");
