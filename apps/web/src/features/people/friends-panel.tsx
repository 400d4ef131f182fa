"use client";

import { limits } from "@chat/validators/limits";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type FormEvent, type ReactNode, useState } from "react";

import { Check, Ban, UserMinus, UserPlus, X } from "~/components/icons";
import { Avatar } from "~/components/ui/avatar";
import { Button, IconButton } from "~/components/ui/button";
import { inputClass } from "~/components/ui/field";
import { ErrorText } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";
import { cn } from "~/lib/cn";
import { useTRPC } from "~/trpc/react";

import { MessageButton } from "../conversations/message-button";
import { type Friend, type Relationship, nameOf, useRefreshRelationships } from "./use-relationships";

type Tab = "online" | "all" | "pending" | "blocked";

/** The Home view's friends: all of them, pending requests both ways, blocks, and a form to add someone by username. */
export function FriendsPanel() {
  const t = useTranslations("people.friends");
  const trpc = useTRPC();
  const [tab, setTab] = useState<Tab>("online");
  const friends = useQuery(trpc.friend.list.queryOptions());
  const blocks = useQuery(trpc.block.list.queryOptions());
  const pending = friends.data?.filter((r) => r.kind !== "friend") ?? [];
  const all = friends.data?.filter((r) => r.kind === "friend") ?? [];
  const shown: Relationship[] = {
    online: all.filter((r) => r.presence && r.presence.status !== "offline"),
    all,
    pending,
    blocked: blocks.data ?? [],
  }[tab];
  const empty = {
    online: all.length ? t("empty.offline") : t("empty.none"),
    all: t("empty.none"),
    pending: t("empty.pending"),
    blocked: t("empty.blocked"),
  };

  return (
    <section aria-labelledby="friends-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-4">
        <h2 id="friends-heading" className="text-xs font-semibold tracking-wide text-muted uppercase">
          {t("heading")}
        </h2>
        {/* Only the first letter rises: "capitalize" would make French's "en attente" "En Attente". */}
        <div role="tablist" aria-label={t("tabsLabel")} className="flex gap-1">
          {(["online", "all", "pending", "blocked"] as const).map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={tab === id}
              onClick={() => setTab(id)}
              className={cn("rounded-md px-2 py-0.5 text-sm text-muted first-letter:uppercase hover:bg-hover hover:text-strong", tab === id && "bg-active text-strong")}
            >
              {t(`tabs.${id}`)}
              {id === "pending" && pending.length > 0 && <span className="ml-1.5 rounded-full bg-danger px-1.5 text-xs text-white">{pending.length}</span>}
            </button>
          ))}
        </div>
      </div>
      <AddFriend />
      {shown.length === 0 ? (
        <p className="text-sm text-muted">{empty[tab]}</p>
      ) : (
        <ul role="tabpanel" aria-label={t(`lists.${tab}`)} className="flex flex-col divide-y divide-line">
          {shown.map((relationship) => (
            <RelationshipRow key={relationship.user.id} relationship={relationship} />
          ))}
        </ul>
      )}
    </section>
  );
}

function AddFriend() {
  const t = useTranslations("people.friends");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const refresh = useRefreshRelationships();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const request = useMutation(
    trpc.friend.request.mutationOptions({
      onSuccess: (relationship) => {
        setSentTo(relationship.kind === "friend" ? t("nowFriends", { name: nameOf(relationship.user) }) : t("requestSent", { name: relationship.user.username }));
        refresh();
      },
    }),
  );
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const username = String(new FormData(form).get("username") ?? "").trim();
    if (!username) return;
    setSentTo(null);
    request.mutate({ username }, { onSuccess: () => form.reset() });
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-1">
      <div className="flex gap-2">
        <input
          name="username"
          aria-label={t("usernameLabel")}
          placeholder={t("usernamePlaceholder")}
          maxLength={limits.username.max}
          autoComplete="off"
          className={cn(inputClass, "flex-1")}
        />
        <Button type="submit" pending={request.isPending}>
          <UserPlus className="size-4" aria-hidden /> {t("send")}
        </Button>
      </div>
      {sentTo && (
        <p role="status" className="text-sm text-online">
          {sentTo}
        </p>
      )}
      <ErrorText>{request.error && describeError(request.error)}</ErrorText>
    </form>
  );
}

function RelationshipRow({ relationship }: { relationship: Relationship }) {
  const t = useTranslations("people.friends");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const refresh = useRefreshRelationships();
  const done = { onSuccess: refresh };
  const accept = useMutation(trpc.friend.accept.mutationOptions(done));
  const decline = useMutation(trpc.friend.decline.mutationOptions(done));
  const cancel = useMutation(trpc.friend.cancel.mutationOptions(done));
  const remove = useMutation(trpc.friend.remove.mutationOptions(done));
  const block = useMutation(trpc.block.add.mutationOptions(done));
  const unblock = useMutation(trpc.block.remove.mutationOptions(done));
  const { user, kind } = relationship;
  const presence = "presence" in relationship ? relationship.presence : null;
  const target = { userId: user.id };
  const name = nameOf(user);
  const failed = [accept, decline, cancel, remove, block, unblock].find((m) => m.error)?.error;

  const actions: Record<Relationship["kind"], ReactNode> = {
    friend: (
      <>
        <MessageButton userId={user.id} name={name} compact />
        <IconButton label={t("remove", { name })} onClick={() => remove.mutate(target)}>
          <UserMinus className="size-4" aria-hidden />
        </IconButton>
        <IconButton label={t("block", { name })} onClick={() => block.mutate(target)}>
          <Ban className="size-4" aria-hidden />
        </IconButton>
      </>
    ),
    incoming: (
      <>
        <IconButton label={t("accept", { name })} onClick={() => accept.mutate(target)}>
          <Check className="size-4 text-online" aria-hidden />
        </IconButton>
        <IconButton label={t("decline", { name })} onClick={() => decline.mutate(target)}>
          <X className="size-4" aria-hidden />
        </IconButton>
      </>
    ),
    outgoing: (
      <IconButton label={t("cancel", { name })} onClick={() => cancel.mutate(target)}>
        <X className="size-4" aria-hidden />
      </IconButton>
    ),
    blocked: (
      <Button variant="secondary" size="sm" onClick={() => unblock.mutate(target)}>
        {t("unblock")}
      </Button>
    ),
  };
  const caption = kind === "friend" && presence ? (customStatus(presence) ?? t(`statuses.${presence.status}`)) : t(`captions.${kind}`);

  return (
    <li className="flex items-center gap-3 py-2" data-relationship={kind}>
      <Avatar name={name} size="sm" online={presence?.status} />
      <span className="min-w-0 flex-1">
        <span className="block truncate font-semibold text-strong">{name}</span>
        <span className="block truncate text-xs text-muted">
          {user.displayName ? `${user.username} · ` : ""}
          {caption}
        </span>
        {failed && <ErrorText>{describeError(failed)}</ErrorText>}
      </span>
      <span className="flex gap-1">{actions[kind]}</span>
    </li>
  );
}

/** A friend's custom status as their status line shows it, instead of their presence; null when they show none. */
function customStatus(presence: NonNullable<Friend["presence"]>): string | null {
  return (presence.custom && [presence.custom.emoji, presence.custom.text].filter(Boolean).join(" ")) || null;
}
