"use client";

import { Permission, permissionsFromString } from "@chat/policy/permission-flags";
import { limits } from "@chat/validators/limits";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { ArrowLeft, Trash2 } from "~/components/icons";
import { Button } from "~/components/ui/button";
import { Dialog, DialogActions } from "~/components/ui/dialog";
import { Field } from "~/components/ui/field";
import { ErrorText } from "~/components/ui/notice";
import { Switch } from "~/components/ui/switch";
import { useDescribeError } from "~/lib/use-describe-error";
import { type Person, refusal, roleSubject } from "~/lib/can";
import { cn } from "~/lib/cn";
import { useTRPC } from "~/trpc/react";

import { ColourPicker } from "../../roles/colour-picker";
import { permissionGroups } from "../../roles/permission-groups";
import { hexColour } from "../../roles/role-colour";
import type { ServerRole } from "../../roles/use-roles";
import { RoleMembers } from "./role-members";
import type { Server } from "./server-settings-dialog";

type Section = "display" | "permissions" | "members";

interface Draft {
  name: string;
  colour: number | null;
  hoist: boolean;
  mentionable: boolean;
  permissions: bigint;
}

const draftOf = (role: ServerRole): Draft => ({ ...role, permissions: permissionsFromString(role.permissions) });

/** What changed between the role and the draft, as `role.update` takes it. */
function changesOf(role: ServerRole, draft: Draft) {
  const before = draftOf(role);
  return {
    ...(draft.name !== before.name && { name: draft.name }),
    ...(draft.colour !== before.colour && { colour: draft.colour }),
    ...(draft.hoist !== before.hoist && { hoist: draft.hoist }),
    ...(draft.mentionable !== before.mentionable && { mentionable: draft.mentionable }),
    ...(draft.permissions !== before.permissions && { permissions: String(draft.permissions) }),
  };
}

/** One role: its name and look, its permissions and its members, with a bar to save or reset the changes. */
export function RoleEditor({ server, viewer, role, onBack }: { server: Server; viewer: Person; role: ServerRole; onBack: () => void }) {
  const t = useTranslations("servers.settings.roleEditor");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [section, setSection] = useState<Section>(role.builtIn === "everyone" ? "permissions" : "display");
  const [draft, setDraft] = useState(() => draftOf(role));
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const listFilter = trpc.role.list.queryFilter({ serverId: server.id });
  const update = useMutation(
    trpc.role.update.mutationOptions({
      onSuccess: (updated) => {
        queryClient.setQueryData(listFilter.queryKey, (list) => list?.map((current) => (current.id === updated.id ? updated : current)));
        setDraft(draftOf(updated));
      },
    }),
  );
  const remove = useMutation(
    trpc.role.delete.mutationOptions({
      onSuccess: async () => {
        onBack();
        await queryClient.invalidateQueries(listFilter);
      },
    }),
  );
  const changes = changesOf(role, draft);
  const dirty = Object.keys(changes).length > 0;
  const locked = refusal("role.manage", viewer, roleSubject(role));
  const change = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  // @everyone has no name or look to change, and everyone holds it.
  const sections: Section[] = role.builtIn === "everyone" ? ["permissions"] : ["display", "permissions", "members"];

  return (
    <div className="flex flex-col gap-4">
      <header className="flex items-center gap-2">
        <Button variant="ghost" size="sm" onClick={onBack} className="-ml-2">
          <ArrowLeft className="size-4" aria-hidden /> {t("back")}
        </Button>
        <span className="size-3 shrink-0 rounded-full" style={{ background: draft.colour === null ? "var(--color-muted)" : hexColour(draft.colour) }} aria-hidden />
        <h3 className="min-w-0 flex-1 truncate text-base font-semibold text-strong">{t("title", { name: role.name })}</h3>
        {!role.builtIn && (
          <Button variant="ghost" size="sm" disabled={locked !== null} title={locked ?? undefined} onClick={() => setConfirmingDelete(true)} className="text-[#fa777c]">
            <Trash2 className="size-4" aria-hidden /> {t("delete")}
          </Button>
        )}
      </header>
      {locked && (
        <p className="rounded-md bg-warning/10 px-3 py-2 text-sm text-warning" role="note">
          {t("locked", { reason: locked })}
        </p>
      )}
      <div role="tablist" aria-label={t("sectionsLabel")} className="flex gap-4 border-b border-line">
        {sections.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={section === id}
            onClick={() => setSection(id)}
            className={cn(
              "-mb-px border-b-2 pb-2 text-sm font-medium",
              section === id ? "border-brand text-strong" : "border-transparent text-muted hover:text-text",
            )}
          >
            {t(`sections.${id}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" className="scrollbar-thin -mr-2 max-h-[22rem] overflow-y-auto pr-2">
        {section === "display" && <DisplaySection draft={draft} change={change} locked={locked !== null} builtIn={role.builtIn} />}
        {section === "permissions" && <PermissionsSection role={role} viewer={viewer} draft={draft} change={change} locked={locked} />}
        {section === "members" && <RoleMembers server={server} viewer={viewer} role={role} />}
      </div>
      <ErrorText>{update.error && describeError(update.error)}</ErrorText>
      {dirty && (
        <div role="region" aria-label={t("unsaved")} className="flex items-center gap-3 rounded-lg bg-rail px-4 py-2.5 shadow-lg">
          <span className="flex-1 text-sm text-strong">{t("careful")}</span>
          <Button variant="link" size="sm" onClick={() => setDraft(draftOf(role))}>
            {t("reset")}
          </Button>
          <Button size="sm" className="bg-online hover:bg-[#1a8346]" pending={update.isPending} onClick={() => update.mutate({ serverId: server.id, roleId: role.id, ...changes })}>
            {t("save")}
          </Button>
        </div>
      )}
      <Dialog open={confirmingDelete} onClose={() => setConfirmingDelete(false)} title={t("deleteTitle", { name: role.name })} description={t("deleteDescription")}>
        <ErrorText>{remove.error && describeError(remove.error)}</ErrorText>
        <DialogActions onCancel={() => setConfirmingDelete(false)}>
          <Button variant="danger" pending={remove.isPending} onClick={() => remove.mutate({ serverId: server.id, roleId: role.id })}>
            {t("deleteConfirm")}
          </Button>
        </DialogActions>
      </Dialog>
    </div>
  );
}

interface SectionProps {
  draft: Draft;
  change: (patch: Partial<Draft>) => void;
}

function DisplaySection({ draft, change, locked, builtIn }: SectionProps & { locked: boolean; builtIn: ServerRole["builtIn"] }) {
  const t = useTranslations("servers.settings.roleEditor");
  const reason = locked ? t("belowOnly") : null;
  return (
    <div className="flex flex-col gap-5 pt-1">
      <Field
        label={t("name")}
        required
        maxLength={limits.roleName.max}
        value={draft.name}
        disabled={locked || builtIn === "everyone"}
        onChange={(event) => change({ name: event.target.value })}
      />
      <ColourPicker value={draft.colour} onChange={(colour) => change({ colour })} disabled={locked} />
      <div className="divide-y divide-line/60 border-t border-line/60">
        <Switch
          label={t("hoist")}
          checked={draft.hoist}
          onChange={(hoist) => change({ hoist })}
          disabled={locked}
          reason={reason}
        />
        <Switch
          label={t("mentionable")}
          description={t("mentionableHint")}
          checked={draft.mentionable}
          onChange={(mentionable) => change({ mentionable })}
          disabled={locked}
          reason={reason}
        />
      </div>
    </div>
  );
}

function PermissionsSection({ role, viewer, draft, change, locked }: SectionProps & { role: ServerRole; viewer: Person; locked: string | null }) {
  const t = useTranslations("servers.settings.roleEditor");
  const tp = useTranslations("roles.permissions");
  const fixed = role.builtIn === "admin" ? t("adminFixed") : null;
  return (
    <div className="flex flex-col gap-5 pt-1">
      {permissionGroups.map((group) => (
        <section key={group.id} aria-label={tp(`groups.${group.id}`)}>
          <h4 className="text-xs font-bold tracking-wide text-muted uppercase">{tp(`groups.${group.id}`)}</h4>
          <div className="divide-y divide-line/60">
            {group.flags.map((name) => {
              const flag = Permission[name];
              const held = (draft.permissions & flag) === flag;
              const missing = (viewer.permissions & flag) === flag ? null : t("notHeld");
              const reason = locked ?? fixed ?? missing;
              return (
                <Switch
                  key={name}
                  label={tp(`flags.${name}.label`)}
                  description={tp(`flags.${name}.description`)}
                  checked={held}
                  disabled={reason !== null}
                  reason={reason}
                  onChange={(on) => change({ permissions: on ? draft.permissions | flag : draft.permissions & ~flag })}
                />
              );
            })}
          </div>
        </section>
      ))}
    </div>
  );
}
