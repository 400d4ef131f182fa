import { File, FileArchive, FileAudio, FileImage, FileText, FileVideo } from "~/components/icons";

const archives = new Set(["application/zip", "application/gzip", "application/x-tar", "application/x-7z-compressed", "application/vnd.rar"]);

/** A file's kind at a glance, from its content type. */
export function FileIcon({ type, className }: { type: string; className?: string }) {
  const Icon = type.startsWith("image/")
    ? FileImage
    : type.startsWith("video/")
      ? FileVideo
      : type.startsWith("audio/")
        ? FileAudio
        : type.startsWith("text/") || type === "application/pdf" || type === "application/json"
          ? FileText
          : archives.has(type)
            ? FileArchive
            : File;
  return <Icon className={className} aria-hidden />;
}
