import type { RouterOutputs } from "@chat/api";
import { useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";

import { Avatar, colorFor } from "~/components/ui/avatar";
import { cn } from "~/lib/cn";

type Profile = Pick<RouterOutputs["user"]["profile"], "username" | "displayName" | "pronouns" | "about" | "createdAt" | "bannerColour" | "avatarUrl">;;

const hex = (colour: number) => `#${colour.toString(16).padStart(6, "0")}`;

/** The banner colour as CSS: the chosen one, else the avatar's own colour. */
export function bannerCss(name: string, bannerColour: number | null): string {
  return bannerColour === null ? colorFor(name) : hex(bannerColour);
}

/**
 * The face of a profile card (banner, avatar, names, pronouns, about me, member since), as the
 * card beside a name shows it and the Profile tab previews it; `children` follow inside.
 */
export function ProfileFace({ profile, ring, children }: { profile: Profile; ring: "ring-panel" | "ring-rail"; children?: ReactNode }) {
  const t = useTranslations("people.face");
  const locale = useLocale();
  const name = profile.displayName ?? profile.username;
  return (
    <>
      <div className="h-14" style={{ backgroundColor: bannerCss(name, profile.bannerColour) }} />
      <div className="-mt-6 flex flex-col gap-1 px-4 pb-4">
        <Avatar name={name} src={profile.avatarUrl} className={cn("self-start rounded-full ring-4", ring)} />
        <p className="text-lg font-semibold text-strong">{name}</p>
        <p className="text-xs text-muted">
          {profile.username}
          {profile.pronouns && ` · ${profile.pronouns}`}
        </p>
        {profile.about && <p className="mt-2 text-sm whitespace-pre-wrap text-text">{profile.about}</p>}
        <p className="mt-2 text-xs text-muted">{t("memberSince", { date: profile.createdAt.toLocaleDateString(locale) })}</p>
        {children}
      </div>
    </>
  );
}
