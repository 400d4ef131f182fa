"use client";

import { Permission, type PermissionName, permissionsFromString } from "@chat/policy/permission-flags";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { Check, Slash, Trash2, User, X } from "~/components/icons";
import { Button, IconButton } from "~/components/ui/button";
import { ErrorText } from "~/components/ui/notice";
import { Skeleton } from "~/components/ui/skeleton";
import { Switch } from "~/components/ui/switch";
import { useDescribeError } from "~/lib/use-describe-error";
import { overwriteSubject, personInChannel, refusal } from "~/lib/can";
import { cn } from "~/lib/cn";
import { useTRPC } from "~/trpc/react";

import { useMembers } from "../members/use-member-cache";
import { channelPermissionFlags } from "../roles/permission-groups";
import { hexColour } from "../roles/role-colour";
import { useRoles } from "../roles/use-roles";
import { useMembership } from "../shell/use-viewer";
import type { Channel } from "./channel-dialog";

type Target = { targetType: "role" | "member"; targetId: string };
type Overwrite = Target & { allow: bigint; deny: bigint };
type Setting = "allow" | "inherit" | "deny";

const keyOf = (target: Target) => `${target.targetType}:${target.targetId}`;
const settingOf = (overwrite: Overwrite, flag: bigint): Setting => (overwrite.allow & flag ? "allow" : overwrite.deny & flag ? "deny" : "inherit");

/** The overwrite with one flag set to allow, inherit (neither) or deny. */
function withSetting(overwrite: Overwrite, flag: bigint, setting: Setting): Overwrite {
  const allow = setting === "allow" ? overwrite.allow | flag : overwrite.allow & ~flag;
  const deny = setting === "deny" ? overwrite.deny | flag : overwrite.deny & ~flag;
  return { ...overwrite, allow, deny };
}

const settings: { value: Setting; icon: typeof Check; on: string }[] = [
  { value: "deny", icon: X, on: "bg-danger text-white" },
  { value: "inherit", icon: Slash, on: "bg-active text-strong" },
  { value: "allow", icon: Check, on: "bg-online text-white" },
];

/**
 * A channel's permission overwrites (Discord's channel "Permissions"): the private switch
 * (@everyone denied View Channel), sync with its category, and per role or member a three-way
 * choice for each flag that matters in a channel. Each change is sent at once. The API takes a
 * change only of flags the viewer holds in this channel, for a role below their highest: what it
 * would refuse is shown disabled with its reason (asked of its own table, `overwrite.manage`),
 * and any refusal still comes back and is shown.
 */
export function ChannelPermissions({ serverId, channel }: { serverId: string; channel: Channel }) {
  const t = useTranslations("channels.permissions");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listKey = trpc.overwrite.list.queryKey({ channelId: channel.id });
  const list = useQuery(trpc.overwrite.list.queryOptions({ channelId: channel.id }));
  const roles = useRoles(serverId).data ?? [];
  const members = useMembers(serverId).data ?? [];
  const category = useQuery(trpc.category.list.queryOptions({ serverId })).data?.find((candidate) => candidate.id === channel.categoryId);
  const [selected, setSelected] = useState<string | null>(null);
  const onSuccess = (answer: NonNullable<typeof list.data>) => {
    queryClient.setQueryData(listKey, answer);
    // Whether the channel is private (its lock) comes with the list; who can see it, with its member list.
    void queryClient.invalidateQueries(trpc.channel.list.queryFilter({ serverId }));
    void queryClient.invalidateQueries(trpc.member.list.queryFilter({ serverId, channelId: channel.id }));
  };
  const set = useMutation(trpc.overwrite.set.mutationOptions({ onSuccess }));
  const remove = useMutation(trpc.overwrite.delete.mutationOptions({ onSuccess }));
  const sync = useMutation(trpc.channel.sync.mutationOptions({ onSuccess }));
  const failure = set.error ?? remove.error ?? sync.error;

  const everyone = roles.find((role) => role.builtIn === "everyone");
  const overwrites: Overwrite[] = (list.data?.overwrites ?? []).map((row) => ({ ...row, allow: permissionsFromString(row.allow), deny: permissionsFromString(row.deny) }));
  const find = (target: Target) => overwrites.find((overwrite) => keyOf(overwrite) === keyOf(target));
  // The viewer as the API judges them here: their permissions after this channel's overwrites.
  const viewer = useMembership(serverId);
  const held = { everyoneRoleId: everyone?.id ?? "0", roleIds: members.find((member) => member.userId === viewer?.userId)?.roleIds ?? [] };
  const actor = viewer && personInChannel(viewer, overwrites, held);
  /** Why the API would refuse turning these flags of the target's overwrite on or off; null when it would not. */
  const refusalFor = (target: Target, changed: bigint) => refusal("overwrite.manage", actor, overwriteSubject(target, roles, changed));
  const save = (overwrite: Overwrite) =>
    set.mutate({ channelId: channel.id, targetType: overwrite.targetType, targetId: overwrite.targetId, allow: String(overwrite.allow), deny: String(overwrite.deny) });

  const nameOf = (target: Target) =>
    target.targetType === "role"
      ? (roles.find((role) => role.id === target.targetId)?.name ?? t("deletedRole"))
      : (members.find((member) => member.userId === target.targetId)?.username ?? t("formerMember"));
  const colourOf = (target: Target) => {
    const colour = target.targetType === "role" ? roles.find((role) => role.id === target.targetId)?.colour : null;
    return colour === null || colour === undefined ? undefined : hexColour(colour);
  };

  const everyoneTarget: Target | null = everyone ? { targetType: "role", targetId: everyone.id } : null;
  const everyoneOverwrite = everyoneTarget && find(everyoneTarget);
  const isPrivate = everyoneOverwrite ? (everyoneOverwrite.deny & Permission.VIEW_CHANNEL) !== 0n : false;
  const privateRefusal = everyoneTarget && refusalFor(everyoneTarget, Permission.VIEW_CHANNEL);
  function setPrivate(on: boolean) {
    if (!everyoneTarget) return;
    const next = withSetting(everyoneOverwrite ?? { ...everyoneTarget, allow: 0n, deny: 0n }, Permission.VIEW_CHANNEL, on ? "deny" : "inherit");
    if (next.allow === 0n && next.deny === 0n) remove.mutate({ channelId: channel.id, ...everyoneTarget });
    else save(next);
  }

  // Roles highest first (@everyone last of them), then members.
  const position = (target: Target) => roles.find((role) => role.id === target.targetId)?.position ?? -1;
  const ordered = [...overwrites].sort((a, b) => (a.targetType === b.targetType ? position(b) - position(a) : a.targetType === "role" ? -1 : 1));
  const open = ordered.find((overwrite) => keyOf(overwrite) === selected) ?? ordered[0];
  const candidates: Array<Target & { label: string }> = [
    ...roles.map((role) => ({ targetType: "role" as const, targetId: role.id, label: role.name })),
    ...members.map((member) => ({ targetType: "member" as const, targetId: member.userId, label: `@${member.username}` })),
  ].filter((target) => !find(target) && refusalFor(target, 0n) === null);

  const removeRefusal = open ? refusalFor(open, open.allow | open.deny) : null;

  if (list.isPending) return <Skeleton className="h-40 w-full" />;
  return (
    <div className="flex flex-col gap-3">
      <Switch
        label={t("private")}
        description={t("privateHint")}
        checked={isPrivate}
        onChange={setPrivate}
        disabled={!everyoneTarget || privateRefusal !== null || set.isPending || remove.isPending}
        reason={privateRefusal}
      />
      {channel.categoryId !== null && (
        <div className="flex items-center gap-3 rounded-md bg-panel px-3 py-2 text-sm text-muted">
          {list.data?.synced ? (
            <span>{t.rich("synced", { name: category?.name ?? "", b: (chunks) => <b className="text-text">{chunks}</b> })}</span>
          ) : (
            <>
              <span className="flex-1">{category ? t("notSynced", { name: category.name }) : t("notSyncedUnknown")}</span>
              <Button size="sm" variant="secondary" pending={sync.isPending} onClick={() => sync.mutate({ channelId: channel.id })}>
                {t("sync")}
              </Button>
            </>
          )}
        </div>
      )}
      <ErrorText>{failure && describeError(failure)}</ErrorText>
      <div className="flex min-h-64 gap-3">
        <div className="flex w-44 shrink-0 flex-col gap-1">
          <p className="text-xs font-bold tracking-wide text-muted uppercase">{t("targets")}</p>
          <ul aria-label={t("overwrites")} className="flex flex-col gap-0.5">
            {ordered.map((overwrite) => (
              <li key={keyOf(overwrite)}>
                <button
                  type="button"
                  aria-current={overwrite === open || undefined}
                  onClick={() => setSelected(keyOf(overwrite))}
                  className={cn("flex w-full items-center gap-1.5 rounded-md px-2 py-1.5 text-left text-sm", overwrite === open ? "bg-active text-strong" : "text-muted hover:bg-hover")}
                >
                  {overwrite.targetType === "member" && <User className="size-3.5 shrink-0" aria-label={t("member")} />}
                  <span className="truncate" style={{ color: colourOf(overwrite) }}>
                    {nameOf(overwrite)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <select
            aria-label={t("add")}
            value=""
            disabled={set.isPending}
            onChange={(event) => {
              const target = candidates.find((candidate) => keyOf(candidate) === event.target.value);
              if (!target) return;
              setSelected(keyOf(target));
              save({ targetType: target.targetType, targetId: target.targetId, allow: 0n, deny: 0n });
            }}
            className="mt-1 rounded-md bg-rail px-2 py-1.5 text-sm text-strong"
          >
            <option value="">{t("addOption")}</option>
            {candidates.map((candidate) => (
              <option key={keyOf(candidate)} value={keyOf(candidate)}>
                {candidate.label}
              </option>
            ))}
          </select>
        </div>
        {open ? (
          <section aria-label={t("of", { name: nameOf(open) })} className="flex min-w-0 flex-1 flex-col">
            <div className="flex items-center justify-between pb-1">
              <h3 className="font-semibold text-strong">{nameOf(open)}</h3>
              <IconButton
                label={t("remove", { name: nameOf(open) })}
                className="size-7 disabled:opacity-40"
                disabled={removeRefusal !== null}
                title={removeRefusal ?? t("remove", { name: nameOf(open) })}
                onClick={() => remove.mutate({ channelId: channel.id, targetType: open.targetType, targetId: open.targetId })}
              >
                <Trash2 className="size-4" aria-hidden />
              </IconButton>
            </div>
            <ul className="scrollbar-thin flex max-h-80 flex-col overflow-y-auto">
              {channelPermissionFlags.map((name) => (
                <FlagRow
                  key={name}
                  name={name}
                  setting={settingOf(open, Permission[name])}
                  disabled={set.isPending}
                  refusal={refusalFor(open, Permission[name])}
                  onChange={(setting) => save(withSetting(open, Permission[name], setting))}
                />
              ))}
            </ul>
          </section>
        ) : (
          <p className="flex-1 text-sm text-muted">{t("none")}</p>
        )}
      </div>
    </div>
  );
}

/**
 * One flag of an overwrite: deny, inherit (from roles and the overwrites before it) or allow;
 * greyed, with the reason as its title, when the API would refuse changing it (`refusal`).
 */
function FlagRow({
  name,
  setting,
  disabled,
  refusal,
  onChange,
}: {
  name: PermissionName;
  setting: Setting;
  disabled: boolean;
  refusal: string | null;
  onChange: (setting: Setting) => void;
}) {
  const t = useTranslations("channels.permissions");
  const tp = useTranslations("roles.permissions");
  const label = tp(`flags.${name}.label`);
  return (
    <li className={cn("flex items-center gap-3 border-b border-line/60 py-2", refusal && "opacity-55")} title={refusal ?? undefined}>
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium text-strong">{label}</p>
        <p className="text-xs text-muted">{tp(`flags.${name}.description`)}</p>
        {refusal && <p className="sr-only">{t("disabled", { reason: refusal })}</p>}
      </div>
      <div role="radiogroup" aria-label={label} className="flex shrink-0 overflow-hidden rounded-md border border-line">
        {settings.map(({ value, icon: Icon, on }) => (
          <button
            key={value}
            type="button"
            role="radio"
            aria-checked={setting === value}
            aria-label={t(`settings.${value}`)}
            title={refusal ?? t(`settings.${value}`)}
            disabled={disabled || refusal !== null}
            onClick={() => setting !== value && onChange(value)}
            className={cn("flex size-7 items-center justify-center disabled:cursor-not-allowed", setting === value ? on : "text-muted enabled:hover:bg-hover")}
          >
            <Icon className="size-4" aria-hidden />
          </button>
        ))}
      </div>
    </li>
  );
}
