CREATE TYPE "public"."channel_event_type" AS ENUM('created', 'updated', 'deleted');--> statement-breakpoint
CREATE TABLE "channel_events" (
	"channel_id" bigint NOT NULL,
	"seq" bigint NOT NULL,
	"type" "channel_event_type" NOT NULL,
	"message_id" bigint NOT NULL,
	"message" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channel_events_channel_id_seq_pk" PRIMARY KEY("channel_id","seq")
);
--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "last_seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "channel_events" ADD CONSTRAINT "channel_events_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "channel_events_message_id_idx" ON "channel_events" USING btree ("message_id");