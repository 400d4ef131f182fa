/** A role's colour (0xRRGGBB, as the API sends it) as CSS: `#rrggbb`. */
export function hexColour(colour: number): string {
  return `#${colour.toString(16).padStart(6, "0")}`;
}

/** `#rrggbb` (or `rrggbb`, any case) as the API's number, or null when it is not a colour. */
export function parseHexColour(text: string): number | null {
  const match = /^#?([0-9a-f]{6})$/i.exec(text.trim());
  return match ? Number.parseInt(match[1]!, 16) : null;
}

/** The colour of a name: that of the highest role its member holds that has one (roles come highest first). */
export function nameColourOf(roleIds: readonly string[], roles: ReadonlyArray<{ id: string; colour: number | null }>): string | undefined {
  const held = new Set(roleIds);
  const coloured = roles.find((role) => role.colour !== null && held.has(role.id));
  return coloured ? hexColour(coloured.colour!) : undefined;
}
