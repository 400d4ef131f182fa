/** A person as the API names them: the unique username, and the names they chose (a display name; a nickname in a server). */
export interface Named {
  username: string;
  displayName?: string | null;
  nickname?: string | null;
}

/** The name a person goes by where they are seen: their nickname in the server, else their display name, else their username. */
export function shownName(person: Named): string {
  return person.nickname ?? person.displayName ?? person.username;
}
