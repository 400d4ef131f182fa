"use client";

import { limits } from "@chat/validators/limits";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";

import { Button } from "~/components/ui/button";
import { Field, inputClass } from "~/components/ui/field";
import { PicturePicker } from "~/components/ui/picture-picker";
import { ErrorText } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";
import { cn } from "~/lib/cn";
import { useTRPC } from "~/trpc/react";

import { useViewer } from "../shell/use-viewer";
import { ProfileFace, bannerCss } from "./profile-face";

/** Edits the viewer's profile (display name, pronouns, about me, banner colour) beside a preview of their card. */
export function ProfileTab() {
  const t = useTranslations("people.profile");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const viewer = useViewer();
  const key = trpc.user.profile.queryOptions({ userId: viewer?.id ?? "0" });
  const profile = useQuery({ ...key, enabled: Boolean(viewer) });
  const save = useMutation(trpc.user.updateProfile.mutationOptions({ onSuccess: (saved) => queryClient.setQueryData(key.queryKey, saved) }));
  const removeAvatar = useMutation(trpc.user.removeAvatar.mutationOptions());
  const [banner, setBanner] = useState<number | null | undefined>(undefined);
  const shownBanner = banner === undefined ? profile.data?.bannerColour : banner;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const displayName = String(form.get("displayName") ?? "").trim();
    save.mutate({
      displayName: displayName || null,
      pronouns: String(form.get("pronouns") ?? ""),
      about: String(form.get("about") ?? ""),
      ...(banner !== undefined && { bannerColour: banner }),
    });
  }

  if (!profile.data) return <p className="text-sm text-muted">{t("loading")}</p>;
  const data = profile.data;
  const name = data.displayName ?? data.username;
  const bannerColour = bannerCss(name, shownBanner ?? null);
  return (
    <div className="grid gap-6 md:grid-cols-[1fr_240px]">
      <form key={JSON.stringify(data)} onSubmit={submit} className="flex min-w-0 flex-col gap-4">
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-2 text-xs font-bold tracking-wide text-muted uppercase">{t("avatar")}</legend>
          <PicturePicker
            name={name}
            src={data.avatarUrl}
            uploadUrl="/api/avatars/me"
            remove={() => removeAvatar.mutateAsync()}
            onChanged={(avatarUrl) => {
              queryClient.setQueryData(key.queryKey, { ...data, avatarUrl });
              void queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() });
            }}
          />
        </fieldset>
        <Field label={t("displayName")} name="displayName" defaultValue={data.displayName ?? ""} maxLength={limits.displayName.max} hint={t("displayNameHint", { username: data.username })} />
        <Field label={t("pronouns")} name="pronouns" defaultValue={data.pronouns} maxLength={limits.pronouns.max} />
        <label className="flex flex-col gap-2">
          <span className="text-xs font-bold tracking-wide text-muted uppercase">{t("about")}</span>
          <textarea name="about" defaultValue={data.about} maxLength={limits.aboutMe.max} rows={4} className={cn(inputClass, "resize-none")} />
        </label>
        <div className="flex items-center gap-3">
          <label className="flex items-center gap-2 text-xs font-bold tracking-wide text-muted uppercase">
            {t("banner")}
            <input type="color" aria-label={t("banner")} value={bannerColour} onChange={(event) => setBanner(Number.parseInt(event.target.value.slice(1), 16))} className="h-8 w-12 cursor-pointer rounded bg-transparent" />
          </label>
          {shownBanner !== null && (
            <Button variant="link" size="sm" onClick={() => setBanner(null)}>
              {t("defaultBanner")}
            </Button>
          )}
        </div>
        <ErrorText>{save.error && describeError(save.error)}</ErrorText>
        <div>
          <Button type="submit" pending={save.isPending}>
            {t("save")}
          </Button>
        </div>
      </form>
      <article aria-label={t("preview")} className="self-start overflow-hidden rounded-lg bg-rail">
        <ProfileFace profile={{ ...data, bannerColour: shownBanner ?? null }} ring="ring-rail" />
      </article>
    </div>
  );
}
