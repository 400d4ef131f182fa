CREATE TYPE "public"."notify_level" AS ENUM('all', 'mentions', 'nothing');--> statement-breakpoint
CREATE TABLE "channel_notify_levels" (
	"user_id" bigint NOT NULL,
	"channel_id" bigint NOT NULL,
	"level" "notify_level" NOT NULL,
	CONSTRAINT "channel_notify_levels_user_id_channel_id_pk" PRIMARY KEY("user_id","channel_id")
);
--> statement-breakpoint
ALTER TABLE "server_members" ADD COLUMN "notify" "notify_level" DEFAULT 'mentions' NOT NULL;--> statement-breakpoint
ALTER TABLE "channel_notify_levels" ADD CONSTRAINT "channel_notify_levels_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_notify_levels" ADD CONSTRAINT "channel_notify_levels_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "channel_notify_levels_channel_id_level_idx" ON "channel_notify_levels" USING btree ("channel_id","level");--> statement-breakpoint
CREATE INDEX "server_members_notify_all_idx" ON "server_members" USING btree ("server_id") WHERE "server_members"."notify" = 'all';