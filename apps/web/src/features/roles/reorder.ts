/**
 * What `role.move` does to the list, for the optimistic view while it runs: the role goes to
 * `to` and those between shift by one, positions dense, highest first.
 */
export function reorder<R extends { id: string; position: number }>(roles: readonly R[], roleId: string, to: number): R[] {
  const from = roles.find((role) => role.id === roleId)?.position;
  if (from === undefined) return [...roles];
  const shifted = (position: number) => {
    if (from < to && position > from && position <= to) return position - 1;
    if (to < from && position >= to && position < from) return position + 1;
    return position;
  };
  return roles
    .map((role) => ({ ...role, position: role.id === roleId ? to : shifted(role.position) }))
    .sort((a, b) => b.position - a.position);
}
