CREATE TYPE "public"."channel_kind" AS ENUM('text', 'dm', 'group');--> statement-breakpoint
CREATE TYPE "public"."message_kind" AS ENUM('default', 'recipient_add', 'recipient_remove', 'name_change');--> statement-breakpoint
CREATE TABLE "channel_recipients" (
	"channel_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"hidden" boolean DEFAULT false NOT NULL,
	CONSTRAINT "channel_recipients_channel_id_user_id_pk" PRIMARY KEY("channel_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "channels" ALTER COLUMN "server_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "kind" "channel_kind" DEFAULT 'text' NOT NULL;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "owner_id" bigint;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "dm_key" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "kind" "message_kind" DEFAULT 'default' NOT NULL;--> statement-breakpoint
ALTER TABLE "server_members" ADD COLUMN "nickname" text;--> statement-breakpoint
ALTER TABLE "server_members" ADD COLUMN "allow_dms" boolean;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "allow_server_dms" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "channel_recipients" ADD CONSTRAINT "channel_recipients_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_recipients" ADD CONSTRAINT "channel_recipients_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "channel_recipients_user_id_idx" ON "channel_recipients" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "channels_dm_key_key" ON "channels" USING btree ("dm_key");--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_kind_server" CHECK (("channels"."kind" = 'text') = ("channels"."server_id" is not null));