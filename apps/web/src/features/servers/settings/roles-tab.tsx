"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type DragEvent, type KeyboardEvent, useState } from "react";

import { ChevronRight, GripVertical, Lock, Plus, Users } from "~/components/icons";
import { Button } from "~/components/ui/button";
import { ErrorText } from "~/components/ui/notice";
import { Skeleton } from "~/components/ui/skeleton";
import { useDescribeError } from "~/lib/use-describe-error";
import { type Person, refusal, roleSubject } from "~/lib/can";
import { cn } from "~/lib/cn";
import { useTRPC } from "~/trpc/react";

import { useMembers } from "../../members/use-member-cache";
import { reorder } from "../../roles/reorder";
import { hexColour } from "../../roles/role-colour";
import { type ServerRole, useRoles } from "../../roles/use-roles";
import { RoleEditor } from "./role-editor";
import type { Server } from "./server-settings-dialog";

/** Where the role being dragged (or moved by keyboard) may go: a place below the viewer's highest role, above @everyone (which stays at the bottom). */
function mayPlace(viewer: Person, role: ServerRole, position: number): boolean {
  return position >= 1 && refusal("role.manage", viewer, roleSubject({ position, permissions: role.permissions })) === null;
}

/**
 * The server's roles, highest first: drag one (or Alt+↑/↓ on it) to move it in the hierarchy,
 * open one to edit it. Roles at or above the viewer's highest are locked, with the reason.
 */
export function RolesTab({ server, viewer }: { server: Server; viewer: Person }) {
  const t = useTranslations("servers.settings.roles");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const roles = useRoles(server.id);
  const members = useMembers(server.id).data ?? [];
  const [openId, setOpenId] = useState<string | null>(null);
  const [dragging, setDragging] = useState<ServerRole | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const listKey = trpc.role.list.queryKey({ serverId: server.id });

  const move = useMutation(
    trpc.role.move.mutationOptions({
      onMutate: ({ roleId, position }) => queryClient.setQueryData(listKey, (list) => list && reorder(list, roleId, Number(position))),
      onSuccess: (list) => queryClient.setQueryData(listKey, list),
      onError: () => queryClient.invalidateQueries(trpc.role.list.queryFilter({ serverId: server.id })),
    }),
  );
  const create = useMutation(
    trpc.role.create.mutationOptions({
      onSuccess: async (role) => {
        await queryClient.invalidateQueries(trpc.role.list.queryFilter({ serverId: server.id }));
        setOpenId(role.id);
      },
    }),
  );

  const open = roles.data?.find((role) => role.id === openId);
  if (open) return <RoleEditor server={server} viewer={viewer} role={open} onBack={() => setOpenId(null)} />;

  const moveTo = (role: ServerRole, position: number) => {
    if (position !== role.position && mayPlace(viewer, role, position)) move.mutate({ serverId: server.id, roleId: role.id, position });
  };
  const canDropOn = (target: ServerRole) => dragging !== null && target.id !== dragging.id && mayPlace(viewer, dragging, target.position);
  const dropProps = (target: ServerRole) => ({
    onDragOver: (event: DragEvent) => {
      if (!canDropOn(target)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      setOver(target.id);
    },
    onDragLeave: () => setOver((current) => (current === target.id ? null : current)),
    onDrop: (event: DragEvent) => {
      event.preventDefault();
      if (dragging && canDropOn(target)) moveTo(dragging, target.position);
      setDragging(null);
      setOver(null);
    },
  });
  const onKeyDown = (role: ServerRole) => (event: KeyboardEvent) => {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    event.preventDefault();
    moveTo(role, role.position + (event.key === "ArrowUp" ? 1 : -1));
  };
  const holders = (role: ServerRole) => members.filter((member) => member.roleIds.includes(role.id)).length;
  const ordered = roles.data?.filter((role) => role.builtIn !== "everyone") ?? [];
  const everyone = roles.data?.find((role) => role.builtIn === "everyone");
  const createRefusal = refusal("role.manage", viewer, roleSubject({ position: 1, permissions: "0" }));

  return (
    <div className="flex flex-col gap-4">
      <div className="flex items-start justify-between gap-4">
        <p className="text-sm text-muted">
          {t("intro")}
        </p>
        <Button size="sm" pending={create.isPending} disabled={createRefusal !== null} title={createRefusal ?? undefined} onClick={() => create.mutate({ serverId: server.id, name: t("newRoleName") })}>
          <Plus className="size-4" aria-hidden /> {t("create")}
        </Button>
      </div>
      <ErrorText>{(move.error ?? create.error) && describeError(move.error ?? create.error)}</ErrorText>
      {everyone && (
        <button
          type="button"
          onClick={() => setOpenId(everyone.id)}
          className="flex items-center gap-3 rounded-lg bg-panel px-3 py-2.5 text-left hover:bg-hover"
        >
          <Users className="size-5 shrink-0 text-muted" aria-hidden />
          <span className="min-w-0 flex-1">
            <span className="block text-[15px] font-medium text-strong">{t("defaults")}</span>
            <span className="block text-xs text-muted">{t("defaultsHint")}</span>
          </span>
          <ChevronRight className="size-4 text-muted" aria-hidden />
        </button>
      )}
      <div className="flex items-center px-3 text-xs font-bold tracking-wide text-muted uppercase">
        <span className="flex-1">{t("count", { count: ordered.length })}</span>
        <span>{t("members")}</span>
      </div>
      {roles.isPending && <Skeleton className="h-24 w-full" />}
      <ol aria-label={t("list")} className="scrollbar-thin -mt-2 flex max-h-80 flex-col overflow-y-auto">
        {ordered.map((role) => {
          const locked = refusal("role.manage", viewer, roleSubject(role));
          const below = dragging !== null && over === role.id && dragging.position > role.position;
          return (
            <li
              key={role.id}
              data-role={role.name}
              draggable={locked === null}
              onDragStart={(event) => {
                event.dataTransfer.setData("text/plain", role.id);
                event.dataTransfer.effectAllowed = "move";
                setDragging(role);
              }}
              onDragEnd={() => {
                setDragging(null);
                setOver(null);
              }}
              {...dropProps(role)}
              className={cn(
                "group relative flex items-center gap-2 border-b border-line/60 px-1 py-0.5",
                dragging?.id === role.id && "opacity-40",
                over === role.id && (below ? "after:absolute after:inset-x-0 after:-bottom-px after:h-0.5 after:bg-brand" : "before:absolute before:inset-x-0 before:-top-px before:h-0.5 before:bg-brand"),
              )}
            >
              <span className={cn("flex w-5 justify-center text-faint", locked === null && "cursor-grab group-hover:text-muted")} title={locked ?? t("drag")}>
                {locked === null ? <GripVertical className="size-4" aria-hidden /> : <Lock className="size-3.5" aria-label={locked} />}
              </span>
              <button
                type="button"
                onClick={() => setOpenId(role.id)}
                onKeyDown={onKeyDown(role)}
                aria-keyshortcuts={locked === null ? "Alt+ArrowUp Alt+ArrowDown" : undefined}
                className="flex min-w-0 flex-1 items-center gap-3 rounded-md px-2 py-2 text-left hover:bg-hover"
              >
                <span className="size-3 shrink-0 rounded-full" style={{ background: role.colour === null ? "var(--color-muted)" : hexColour(role.colour) }} aria-hidden />
                <span className="min-w-0 flex-1 truncate text-[15px] font-medium" style={{ color: role.colour === null ? undefined : hexColour(role.colour) }}>
                  {role.name}
                </span>
                <span className="flex items-center gap-1 text-sm text-muted">
                  {holders(role)} <Users className="size-3.5" aria-label={t("holders")} />
                </span>
                <ChevronRight className="size-4 text-faint" aria-hidden />
                <span className="sr-only">{t("position", { position: role.position })}</span>
              </button>
            </li>
          );
        })}
      </ol>
      {createRefusal !== null && (
        <p className="text-xs text-muted">{t("readOnly")}</p>
      )}
    </div>
  );
}
