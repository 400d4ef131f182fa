/** The code inside an invite link (`https://host/invite/<code>`), or the text itself when it is a bare code. */
export function inviteCodeFrom(input: string): string {
  const text = input.trim();
  const match = /\/invite\/([^/?#\s]+)/.exec(text);
  return match ? decodeURIComponent(match[1]!) : text;
}

export function inviteLink(code: string, origin: string): string {
  return `${origin}/invite/${code}`;
}
