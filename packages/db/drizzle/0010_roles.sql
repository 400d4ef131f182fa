ALTER TYPE "public"."audit_action" ADD VALUE 'role.create';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'role.update';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'role.delete';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'role.move';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'member.add_role';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'member.remove_role';--> statement-breakpoint
CREATE TYPE "public"."built_in_role" AS ENUM('everyone', 'admin');--> statement-breakpoint
CREATE TABLE "member_roles" (
	"server_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"role_id" bigint NOT NULL,
	CONSTRAINT "member_roles_server_id_user_id_role_id_pk" PRIMARY KEY("server_id","user_id","role_id")
);
--> statement-breakpoint
CREATE TABLE "roles" (
	"id" bigint PRIMARY KEY NOT NULL,
	"server_id" bigint NOT NULL,
	"name" text NOT NULL,
	"colour" integer,
	"position" integer NOT NULL,
	"permissions" bigint DEFAULT 0 NOT NULL,
	"mentionable" boolean DEFAULT false NOT NULL,
	"hoist" boolean DEFAULT false NOT NULL,
	"built_in" "built_in_role",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- The unique index member_roles' foreign key references comes first (drizzle-kit put it last).
CREATE UNIQUE INDEX "roles_server_id_id_key" ON "roles" USING btree ("server_id","id");--> statement-breakpoint
ALTER TABLE "member_roles" ADD CONSTRAINT "member_roles_server_id_user_id_server_members_server_id_user_id_fk" FOREIGN KEY ("server_id","user_id") REFERENCES "public"."server_members"("server_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_roles" ADD CONSTRAINT "member_roles_server_id_role_id_roles_server_id_id_fk" FOREIGN KEY ("server_id","role_id") REFERENCES "public"."roles"("server_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roles" ADD CONSTRAINT "roles_server_id_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "member_roles_role_id_idx" ON "member_roles" USING btree ("role_id");--> statement-breakpoint
CREATE UNIQUE INDEX "roles_server_id_built_in_key" ON "roles" USING btree ("server_id","built_in") WHERE "roles"."built_in" is not null;--> statement-breakpoint
CREATE INDEX "roles_server_id_position_idx" ON "roles" USING btree ("server_id","position");--> statement-breakpoint
-- Existing servers get their built-in roles. @everyone takes the server's id (as new servers'
-- does: roles/built-in.ts) and @chat/policy's defaults: VIEW_CHANNEL, SEND_MESSAGES, READ_HISTORY,
-- ADD_REACTIONS, CREATE_INVITE, ATTACH_FILES (16911). Admin holds ADMINISTRATOR (32768).
INSERT INTO "roles" ("id", "server_id", "name", "position", "permissions", "built_in")
SELECT "id", "id", '@everyone', 0, 16911, 'everyone' FROM "servers";--> statement-breakpoint
-- Admin's id is a snowflake of now (ids.ts: milliseconds since 2026-01-01 above 22 bits), the
-- lower bits numbering the servers: unique here, and past every id the application handed out before.
INSERT INTO "roles" ("id", "server_id", "name", "position", "permissions", "built_in")
SELECT ((floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint - 1767225600000) << 22) | row_number() OVER (ORDER BY "id"),
  "id", 'Admin', 1, 32768, 'admin'
FROM "servers";--> statement-breakpoint
-- Every admin holds the Admin role: what they may do stays what it was.
INSERT INTO "member_roles" ("server_id", "user_id", "role_id")
SELECT "server_members"."server_id", "server_members"."user_id", "roles"."id"
FROM "server_members" JOIN "roles" ON "roles"."server_id" = "server_members"."server_id" AND "roles"."built_in" = 'admin'
WHERE "server_members"."role" = 'admin';
