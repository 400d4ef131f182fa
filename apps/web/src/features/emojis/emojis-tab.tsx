"use client";

import { limits } from "@chat/validators/limits";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";

import { Button } from "~/components/ui/button";
import { Field, inputClass } from "~/components/ui/field";
import { ErrorText } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPC } from "~/trpc/react";

import { CustomEmoji } from "./custom-emoji";
import { type ServerEmoji, useEmojiCache, useServerEmojis } from "./use-emojis";

const accepted = "image/png,image/jpeg,image/gif,image/webp";

/** PUTs the image to the upload route (the API sniffs its type); the refusal's own words on failure. */
async function uploadEmoji(serverId: string, name: string, file: File): Promise<ServerEmoji> {
  const response = await fetch(`/api/servers/${serverId}/emojis?name=${encodeURIComponent(name)}`, { method: "PUT", body: file });
  const body = (await response.json()) as ServerEmoji | { message: string };
  if (!response.ok) throw new Error("message" in body ? body.message : response.statusText);
  return body as ServerEmoji;
}

/** A name from a file's: its stem, with what a name may not hold made `_`, as Discord proposes it. */
const nameFromFile = (filename: string) =>
  filename
    .replace(/\.[^.]*$/, "")
    .replace(/[^A-Za-z0-9_]/g, "_")
    .slice(0, limits.emojiName.max);

/**
 * The server's custom emoji, for those who may manage the server: upload (a name and an image of
 * at most 256 KiB), how many of each kind are held, and each one to rename or delete.
 */
export function EmojisTab({ serverId }: { serverId: string }) {
  const t = useTranslations("emojis");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const emojis = useServerEmojis(serverId);
  const cache = useEmojiCache();
  const [name, setName] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  // The members' `emojis` event updates the list as well; the answers do it at once for the uploader.
  const refresh = () => cache.invalidate(serverId);
  const rename = useMutation(trpc.emoji.rename.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.emoji.delete.mutationOptions({ onSuccess: refresh }));
  const counts = { static: emojis.filter((emoji) => !emoji.animated).length, animated: emojis.filter((emoji) => emoji.animated).length };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    if (!file) return;
    setUploading(true);
    setUploadError(null);
    try {
      await uploadEmoji(serverId, name, file);
      setName("");
      setFile(null);
      form.reset();
      await refresh();
    } catch (error) {
      setUploadError(error instanceof Error ? error.message : String(error));
    } finally {
      setUploading(false);
    }
  }

  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-muted">{t("intro")}</p>
      <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-3 rounded-md bg-field p-3" aria-label={t("upload")}>
        <label className="flex flex-col gap-2 text-xs font-bold tracking-wide text-muted uppercase">
          {t("file")}
          <input
            type="file"
            accept={accepted}
            required
            className="text-sm font-normal tracking-normal normal-case"
            onChange={(event) => {
              const chosen = event.target.files?.[0] ?? null;
              setFile(chosen);
              if (chosen && !name) setName(nameFromFile(chosen.name));
            }}
          />
        </label>
        <Field
          label={t("name")}
          name="name"
          required
          minLength={limits.emojiName.min}
          maxLength={limits.emojiName.max}
          pattern="[A-Za-z0-9_]+"
          value={name}
          onChange={(event) => setName(event.target.value)}
          hint={t("nameHint")}
        />
        <ErrorText>{uploadError}</ErrorText>
        <Button type="submit" pending={uploading} className="self-end">
          {t("upload")}
        </Button>
      </form>
      <p className="text-sm text-muted" data-testid="emoji-counts">
        {t("counts", { static: counts.static, animated: counts.animated, max: limits.emojisPerServer.static })}
      </p>
      <ErrorText>{(rename.error ?? remove.error) && describeError(rename.error ?? remove.error)}</ErrorText>
      {emojis.length === 0 && <p className="text-sm text-muted">{t("none")}</p>}
      <ul aria-label={t("list")} className="scrollbar-thin flex max-h-80 flex-col gap-1 overflow-y-auto">
        {emojis.map((emoji) => (
          <EmojiRow
            key={emoji.id}
            emoji={emoji}
            onRename={(next) => rename.mutate({ serverId, emojiId: emoji.id, name: next })}
            onDelete={() => remove.mutate({ serverId, emojiId: emoji.id })}
            deleting={remove.isPending && remove.variables?.emojiId === emoji.id}
          />
        ))}
      </ul>
    </div>
  );
}

function EmojiRow({ emoji, onRename, onDelete, deleting }: { emoji: ServerEmoji; onRename: (name: string) => void; onDelete: () => void; deleting: boolean }) {
  const t = useTranslations("emojis");
  const [name, setName] = useState(emoji.name);
  const commit = () => {
    if (name !== emoji.name && name.length >= limits.emojiName.min) onRename(name);
  };
  return (
    <li data-emoji-row={emoji.name} className="flex items-center gap-3 rounded-md px-2 py-1.5 hover:bg-hover">
      <CustomEmoji emoji={emoji} className="size-8" />
      <input
        aria-label={t("rename", { name: emoji.name })}
        value={name}
        maxLength={limits.emojiName.max}
        onChange={(event) => setName(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === "Enter") commit();
        }}
        className={`${inputClass} min-w-0 flex-1 py-1.5`}
      />
      {emoji.animated && <span className="text-xs text-muted">{t("animated")}</span>}
      <Button variant="ghost" size="sm" pending={deleting} onClick={onDelete} aria-label={t("delete", { name: emoji.name })}>
        {t("deleteShort")}
      </Button>
    </li>
  );
}
