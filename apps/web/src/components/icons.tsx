import type { SVGProps } from "react";

import { ICON_SPRITE_URL } from "./icon-sprite-url";

export type IconProps = SVGProps<SVGSVGElement> & { size?: number | string };

/**
 * A Lucide icon drawn from the static sprite (public/icons.svg, made from Lucide's data by
 * `pnpm --filter @chat/web icons:sprite`): the shapes are fetched once and cached, not shipped as
 * JavaScript. The symbols set no paint of their own, so the stroke below (and a class such as
 * `stroke-[2.75]`) reaches them through `<use>`, as it reaches Lucide's inline paths. Like
 * lucide-react, an icon without a label or role is hidden from assistive technology.
 * No <link rel="preload"> for the sprite: Chromium fetches a `<use>` document as a kind no preload
 * matches (the icons still waited for a fetch of their own, and it warned "preloaded but not
 * used"); the first icon in the HTML starts that fetch while the styles are still loading.
 */
function icon(id: string) {
  function Icon({ size = 24, strokeWidth = 2, className, ...props }: IconProps) {
    const labelled = props["aria-label"] != null || props["aria-labelledby"] != null || props.role != null;
    return (
      <svg
        width={size}
        height={size}
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={strokeWidth}
        strokeLinecap="round"
        strokeLinejoin="round"
        className={`lucide lucide-${id}${className ? ` ${className}` : ""}`}
        aria-hidden={labelled ? undefined : true}
        {...props}
      >
        <use href={`${ICON_SPRITE_URL}#${id}`} />
      </svg>
    );
  }
  return Icon;
}

// The names lucide-react gives these icons, with the id of each in Lucide today (lucide.dev/icons/<id>).
export const ArrowLeft = icon("arrow-left");
export const ArrowRight = icon("arrow-right");
export const AtSign = icon("at-sign");
export const Ban = icon("ban");
export const Bell = icon("bell");
export const BellOff = icon("bell-off");
export const BellRing = icon("bell-ring");
export const Check = icon("check");
export const ChevronDown = icon("chevron-down");
export const ChevronRight = icon("chevron-right");
export const CirclePlus = icon("circle-plus");
export const Clock = icon("clock");
export const Compass = icon("compass");
export const Copy = icon("copy");
export const CornerUpLeft = icon("corner-up-left");
export const Crown = icon("crown");
export const Download = icon("download");
export const File = icon("file");
export const FileArchive = icon("file-archive");
export const FileAudio = icon("file-headphone");
export const FileImage = icon("file-image");
export const FileText = icon("file-text");
export const FileVideo = icon("file-play");
export const FolderPlus = icon("folder-plus");
export const GripVertical = icon("grip-vertical");
export const Hash = icon("hash");
export const Lock = icon("lock");
export const LogOut = icon("log-out");
export const Menu = icon("menu");
export const MessageCircle = icon("message-circle");
export const MessagesSquare = icon("messages-square");
export const Monitor = icon("monitor");
export const Pencil = icon("pencil");
export const Pin = icon("pin");
export const PinOff = icon("pin-off");
export const Plus = icon("plus");
export const Reply = icon("reply");
export const Search = icon("search");
export const SendHorizontal = icon("send-horizontal");
export const Server = icon("server");
export const ServerOff = icon("server-off");
export const Settings = icon("settings");
export const ShieldAlert = icon("shield-exclamation-point");
export const Slash = icon("slash");
export const SmilePlus = icon("face-slightly-smiling-plus");
export const Tag = icon("tag");
export const Trash2 = icon("trash");
export const TriangleAlert = icon("triangle-exclamation-point");
export const Upload = icon("upload");
export const User = icon("user");
export const UserMinus = icon("user-minus");
export const UserPlus = icon("user-plus");
export const Users = icon("users");
export const WifiOff = icon("wifi-off");
export const X = icon("x");
export const ZoomIn = icon("zoom-in");
export const ZoomOut = icon("zoom-out");
