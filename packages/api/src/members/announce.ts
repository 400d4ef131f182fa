import type { Context } from "../core/trpc";
import { publishActivity } from "../unread/activity";
import type { MemberDto } from "./dto";

/** Members' lists follow a change to one member live (user.onEvent); the member's own client learns it there too. */
export function announceMember(ctx: Pick<Context, "realtime" | "log">, serverId: bigint, member: MemberDto): MemberDto {
  void publishActivity(ctx, { type: "member", serverId: String(serverId), member });
  return member;
}
