ALTER TYPE "public"."audit_action" ADD VALUE 'member.nickname';--> statement-breakpoint
-- CHANGE_NICKNAME (bit 16) joined @everyone's defaults with nicknames: existing servers' @everyone gets it too.
UPDATE "roles" SET "permissions" = "permissions" | 65536 WHERE "built_in" = 'everyone';
