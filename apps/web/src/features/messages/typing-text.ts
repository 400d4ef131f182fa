/** The typing line under the composer; the viewer is never listed as typing to themselves. */
export function typingText(usernames: string[]): string | null {
  const [first, second] = usernames;
  if (first === undefined) return null;
  if (usernames.length === 1) return `${first} is typing…`;
  if (usernames.length === 2) return `${first} and ${second} are typing…`;
  return "Several people are typing…";
}
