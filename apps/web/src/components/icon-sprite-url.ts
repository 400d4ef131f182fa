// Made by scripts/icon-sprite.ts (`pnpm --filter @chat/web icons:sprite`): do not edit.
/** public/icons.svg, versioned by its content: it is cached for a year, so a new sprite needs a new address. */
export const ICON_SPRITE_URL = "/icons.svg?v=e81df7b766";
