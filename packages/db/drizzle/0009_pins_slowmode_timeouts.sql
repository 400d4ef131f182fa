ALTER TYPE "public"."audit_action" ADD VALUE 'message.pin';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'message.unpin';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'channel.slowmode';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'member.timeout';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'member.remove_timeout';--> statement-breakpoint
ALTER TYPE "public"."channel_event_type" ADD VALUE 'pinned';--> statement-breakpoint
ALTER TYPE "public"."channel_event_type" ADD VALUE 'unpinned';--> statement-breakpoint
CREATE TABLE "message_pins" (
	"message_id" bigint PRIMARY KEY NOT NULL,
	"channel_id" bigint NOT NULL,
	"pinned_by" bigint,
	"pinned_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "slowmode_sends" (
	"channel_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "slowmode_sends_channel_id_user_id_pk" PRIMARY KEY("channel_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "channel_events" ADD COLUMN "pin" jsonb;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "slowmode_seconds" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "server_members" ADD COLUMN "timed_out_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "message_pins" ADD CONSTRAINT "message_pins_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_pins" ADD CONSTRAINT "message_pins_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_pins" ADD CONSTRAINT "message_pins_pinned_by_users_id_fk" FOREIGN KEY ("pinned_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slowmode_sends" ADD CONSTRAINT "slowmode_sends_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slowmode_sends" ADD CONSTRAINT "slowmode_sends_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "message_pins_channel_id_pinned_at_idx" ON "message_pins" USING btree ("channel_id","pinned_at");