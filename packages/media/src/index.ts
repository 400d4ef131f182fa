export { MediaError } from "./errors";
export { inspectImage, contentTypes, DEFAULT_PIXEL_LIMIT, type ImageFormat, type ImageInfo } from "./inspect";
export { processImage, THUMBNAIL_SIDES, type EncodedImage, type ProcessedImage } from "./image";
export { processAvatar, AVATAR_SIZES, type AvatarSize, type ProcessedAvatar } from "./avatar";
export type { MediaOptions } from "./pipeline";
