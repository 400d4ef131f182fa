import { AVATAR_SIZES } from "@chat/media";

/**
 * Avatars and server icons: square WebP files in four sizes, stored under a version that changes
 * with each picture, so that their URLs never change content and are cached for good.
 */
export type SquareImageKind = "avatars" | "icons";

/** The largest upload of an avatar or icon: a phone photo fits, and nothing larger is read. */
export const SQUARE_IMAGE_MAX_BYTES = 8 * 1024 * 1024;

export const squareImageSizes = AVATAR_SIZES;

/** The size the DTOs' URLs name; the others are the same URL with 32, 64 or 256 as its last segment. */
const DTO_SIZE = 128;

export const squareImageKey = (kind: SquareImageKind, ownerId: bigint | string, version: string, size: number) =>
  `${kind}/${ownerId}/${version}/${size}.webp`;

/** `/api/avatars/{userId}/{version}/128` (or icons), or null when there is none. */
export function squareImageUrl(kind: SquareImageKind, ownerId: bigint | string, version: string | null): string | null {
  return version === null ? null : `/api/${kind}/${ownerId}/${version}/${DTO_SIZE}`;
}

export const avatarUrlOf = (userId: bigint | string, avatar: string | null) => squareImageUrl("avatars", userId, avatar);
export const iconUrlOf = (serverId: bigint | string, icon: string | null) => squareImageUrl("icons", serverId, icon);

