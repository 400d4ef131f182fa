ALTER TABLE "channels" ADD COLUMN "last_message_id" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Backfill: the floor of every channel that has messages is its largest message id.
UPDATE "channels" SET "last_message_id" = "newest"."id"
FROM (SELECT "channel_id", max("id") AS "id" FROM "messages" GROUP BY "channel_id") AS "newest"
WHERE "newest"."channel_id" = "channels"."id";
