"use client";

import { useLocale, useTranslations } from "next-intl";

import { X } from "~/components/icons";
import { cn } from "~/lib/cn";

import { FileIcon } from "./file-icon";
import { type PendingFile, formatSize, progressOf, readiness } from "./pending";

interface PendingFilesProps {
  files: readonly PendingFile[];
  notice: string | null;
  onRemove: (key: string) => void;
}

/** The files waiting above the message box: a thumbnail or an icon, the name and size, the upload's progress and a button to take each off. */
export function PendingFiles({ files, notice, onRemove }: PendingFilesProps) {
  const t = useTranslations("attachments");
  const locale = useLocale();
  if (files.length === 0 && !notice) return null;
  return (
    <div className="flex flex-col gap-2 pt-3">
      {files.length > 0 && (
        <ul aria-label={t("pending")} className="flex gap-2 overflow-x-auto pb-1">
          {files.map((file) => (
            <li
              key={file.key}
              data-pending-file={file.state}
              className={cn(
                "relative flex w-44 shrink-0 flex-col gap-1.5 rounded-md bg-rail/70 p-2",
                file.state === "failed" && "ring-1 ring-[#fa777c]",
              )}
            >
              <div className="flex h-24 items-center justify-center overflow-hidden rounded-sm bg-chat/60">
                {file.preview ? (
                  <img src={file.preview} alt="" className="size-full object-cover" />
                ) : (
                  <FileIcon type={file.type} className="size-10 text-muted" />
                )}
              </div>
              <p className="truncate text-sm text-strong" title={file.name}>
                {file.name}
              </p>
              <p className="text-xs text-muted">{formatSize(file.size, locale)}</p>
              {file.state === "uploading" && (
                <div
                  role="progressbar"
                  aria-label={t("uploading", { name: file.name })}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={Math.round(progressOf(file) * 100)}
                  className="h-1 overflow-hidden rounded-full bg-chat"
                >
                  <div className="h-full bg-brand transition-[width]" style={{ width: `${progressOf(file) * 100}%` }} />
                </div>
              )}
              {file.error && (
                <p role="alert" className="text-xs text-[#fa777c]">
                  {file.error}
                </p>
              )}
              <button
                type="button"
                aria-label={t(file.state === "uploading" ? "cancel" : "remove", { name: file.name })}
                title={t(file.state === "uploading" ? "cancel" : "remove", { name: file.name })}
                onClick={() => onRemove(file.key)}
                className="absolute top-1 right-1 inline-flex size-7 items-center justify-center rounded-md bg-chat/90 text-muted shadow hover:text-danger pointer-coarse:size-11"
              >
                <X className="size-4" aria-hidden />
              </button>
            </li>
          ))}
        </ul>
      )}
      {readiness(files) === "failed" && <p className="text-xs text-[#fa777c]">{t("removeFailed")}</p>}
      {notice && (
        <p role="alert" className="text-xs text-[#fa777c]">
          {notice}
        </p>
      )}
    </div>
  );
}
