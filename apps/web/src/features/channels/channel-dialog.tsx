"use client";

import type { RouterOutputs } from "@chat/api";
import { limits } from "@chat/validators/limits";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useParams, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";

import { Button } from "~/components/ui/button";
import { Dialog, DialogActions } from "~/components/ui/dialog";
import { Field } from "~/components/ui/field";
import { ErrorText } from "~/components/ui/notice";
import { type DialogTab, TabbedDialog } from "~/components/ui/tabbed-dialog";
import { useDescribeError } from "~/lib/use-describe-error";
import { can } from "~/lib/can";
import { useTRPC } from "~/trpc/react";

import { useMembership } from "../shell/use-viewer";
import { ChannelPermissions } from "./channel-permissions";

export type Channel = RouterOutputs["channel"]["list"][number];

/** Slowmode's choices in seconds, as Discord offers them (the API takes any 0 to 21600 s). */
const slowmodes: readonly number[] = [0, 5, 10, 30, 60, 300, 600, 1800, 3600, 7200, 21600];

/** A slowmode choice in its largest whole unit, as Discord names them: "Off", "30 seconds", "2 hours". */
function slowmodeLabel(seconds: number, t: ReturnType<typeof useTranslations<"channels.channelDialog">>): string {
  if (seconds === 0) return t("off");
  if (seconds % 3600 === 0) return t("hours", { count: seconds / 3600 });
  if (seconds % 60 === 0) return t("minutes", { count: seconds / 60 });
  return t("seconds", { count: seconds });
}

interface ChannelDialogProps {
  serverId: string;
  channel: Channel | "new" | null;
  /** Where a new channel goes (last there); without one, last of the uncategorised. */
  categoryId?: string | null;
  onClose: () => void;
}

type ChannelTab = "overview" | "permissions";

/**
 * Creates a channel (`channel` = "new"), or its settings: Overview (rename, topic, slowmode,
 * delete) with MANAGE_CHANNELS, Permissions (its overwrites) with MANAGE_ROLES.
 */
export function ChannelDialog({ serverId, channel, categoryId, onClose }: ChannelDialogProps) {
  const t = useTranslations("channels.channelDialog");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { channelId } = useParams<{ channelId?: string }>();
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [tab, setTab] = useState<ChannelTab>("overview");
  const membership = useMembership(serverId);
  const existing = channel === "new" ? null : channel;
  const refresh = () => queryClient.invalidateQueries(trpc.channel.list.queryFilter({ serverId }));
  const close = () => {
    setConfirmingDelete(false);
    setTab("overview");
    onClose();
  };

  const create = useMutation(
    trpc.channel.create.mutationOptions({
      onSuccess: async (created) => {
        await refresh();
        close();
        router.push(`/channels/${serverId}/${created.id}`);
      },
    }),
  );
  const update = useMutation(
    trpc.channel.update.mutationOptions({
      onSuccess: async () => {
        await refresh();
        close();
      },
    }),
  );
  const remove = useMutation(
    trpc.channel.delete.mutationOptions({
      onSuccess: async () => {
        await refresh();
        close();
        if (existing?.id === channelId) router.push(`/channels/${serverId}`);
      },
    }),
  );
  const slowmode = useMutation(trpc.channel.setSlowmode.mutationOptions());
  const failure = create.error ?? update.error ?? remove.error ?? slowmode.error;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get("name"));
    const topic = String(form.get("topic"));
    if (!existing) return create.mutate({ serverId, name, topic: topic || undefined, categoryId: categoryId ?? undefined });
    const save = () => update.mutate({ channelId: existing.id, name, topic });
    const seconds = Number(form.get("slowmode"));
    if (seconds === existing.slowmodeSeconds) save();
    else slowmode.mutate({ channelId: existing.id, seconds }, { onSuccess: save });
  }

  if (existing && confirmingDelete) {
    return (
      <Dialog open onClose={close} title={t("deleteTitle")} description={t("deleteDescription", { name: existing.name })}>
        <ErrorText>{remove.error && describeError(remove.error)}</ErrorText>
        <DialogActions onCancel={() => setConfirmingDelete(false)}>
          <Button variant="danger" pending={remove.isPending} onClick={() => remove.mutate({ channelId: existing.id })}>
            {t("delete")}
          </Button>
        </DialogActions>
      </Dialog>
    );
  }

  const form = (
  <form onSubmit={submit} className="flex flex-col gap-4">
    <Field
      label={t("name")}
      name="name"
      required
      autoFocus
      maxLength={limits.channelName.max}
      defaultValue={existing?.name}
      placeholder={t("namePlaceholder")}
      hint={t("nameHint")}
    />
    <Field label={t("topic")} name="topic" maxLength={limits.channelTopic.max} defaultValue={existing?.topic} placeholder={t("topicPlaceholder")} />
    {existing && (
      <label className="flex flex-col gap-2 text-xs font-bold tracking-wide text-muted uppercase">
        {t("slowmode")}
        <select name="slowmode" defaultValue={existing.slowmodeSeconds} className="rounded-md bg-rail px-3 py-2.5 text-[15px] font-normal tracking-normal text-strong normal-case">
          {slowmodes.includes(existing.slowmodeSeconds) ? null : (
            <option value={existing.slowmodeSeconds}>{t("seconds", { count: existing.slowmodeSeconds })}</option>
          )}
          {slowmodes.map((seconds) => (
            <option key={seconds} value={seconds}>
              {slowmodeLabel(seconds, t)}
            </option>
          ))}
        </select>
        <span className="font-normal tracking-normal text-muted normal-case">{t("slowmodeHint")}</span>
      </label>
    )}
    <ErrorText>{failure && describeError(failure)}</ErrorText>
    <div className="flex items-center gap-2">
      {existing && (
        <Button variant="danger" size="sm" onClick={() => setConfirmingDelete(true)}>
          {t("delete")}
        </Button>
      )}
      <div className="ml-auto flex gap-2">
        <Button variant="ghost" onClick={close}>
          {t("cancel")}
        </Button>
        <Button type="submit" pending={create.isPending || update.isPending || slowmode.isPending}>
          {existing ? t("save") : t("create")}
        </Button>
      </div>
    </div>
  </form>
  );

  if (existing) {
    const tabs: DialogTab<ChannelTab>[] = [
      ...(can("channel.update", membership) ? [{ id: "overview" as const, label: t("tabs.overview"), render: () => form }] : []),
      ...(can("overwrite.manage", membership)
        ? [{ id: "permissions" as const, label: t("tabs.permissions"), render: () => <ChannelPermissions serverId={serverId} channel={existing} /> }]
        : []),
    ];
    return (
      <TabbedDialog
        tab={tab}
        onTab={setTab}
        onClose={close}
        tabs={tabs}
        title={t("edit")}
        description={t("channel", { name: existing.name })}
        tabsLabel={t("settings")}
        idPrefix="channel-settings"
      />
    );
  }

  return (
    <Dialog open={channel !== null} onClose={close} title={t("create")}>
      {form}
    </Dialog>
  );
}
