"use client";

import { limits } from "@chat/validators/limits";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";

import { Button } from "~/components/ui/button";
import { Dialog, DialogActions } from "~/components/ui/dialog";
import { Field } from "~/components/ui/field";
import { ErrorText } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPC } from "~/trpc/react";

import type { Category } from "./sidebar-layout";

/** Creates a category (`category` = "new", last) or renames and deletes one; its channels then stay, uncategorised. */
export function CategoryDialog({ serverId, category, onClose }: { serverId: string; category: Category | "new" | null; onClose: () => void }) {
  const t = useTranslations("channels.categoryDialog");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const existing = category === "new" ? null : category;
  const done = async () => {
    await Promise.all([
      queryClient.invalidateQueries(trpc.category.list.queryFilter({ serverId })),
      queryClient.invalidateQueries(trpc.channel.list.queryFilter({ serverId })),
    ]);
    setConfirmingDelete(false);
    onClose();
  };
  const create = useMutation(trpc.category.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.category.update.mutationOptions({ onSuccess: done }));
  const remove = useMutation(trpc.category.delete.mutationOptions({ onSuccess: done }));
  const failure = create.error ?? update.error;
  const close = () => {
    setConfirmingDelete(false);
    onClose();
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name"));
    if (existing) update.mutate({ categoryId: existing.id, name });
    else create.mutate({ serverId, name });
  }

  if (existing && confirmingDelete) {
    return (
      <Dialog open onClose={close} title={t("deleteTitle")} description={t("deleteDescription", { name: existing.name })}>
        <ErrorText>{remove.error && describeError(remove.error)}</ErrorText>
        <DialogActions onCancel={() => setConfirmingDelete(false)}>
          <Button variant="danger" pending={remove.isPending} onClick={() => remove.mutate({ categoryId: existing.id })}>
            {t("delete")}
          </Button>
        </DialogActions>
      </Dialog>
    );
  }

  return (
    <Dialog open={category !== null} onClose={close} title={existing ? t("edit") : t("create")}>
      <form onSubmit={submit} className="flex flex-col gap-4">
        <Field label={t("name")} name="name" required autoFocus maxLength={limits.categoryName.max} defaultValue={existing?.name} placeholder={t("namePlaceholder")} />
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
            <Button type="submit" pending={create.isPending || update.isPending}>
              {existing ? t("save") : t("create")}
            </Button>
          </div>
        </div>
      </form>
    </Dialog>
  );
}
