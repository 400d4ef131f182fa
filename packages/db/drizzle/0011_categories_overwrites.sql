CREATE TYPE "public"."overwrite_target" AS ENUM('role', 'member');--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'channel.move';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'channel.overwrite';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'channel.sync';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'category.create';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'category.update';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'category.delete';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'category.move';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'category.overwrite';--> statement-breakpoint
CREATE TABLE "categories" (
	"id" bigint PRIMARY KEY NOT NULL,
	"server_id" bigint NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "permission_overwrites" (
	"server_id" bigint NOT NULL,
	"channel_id" bigint,
	"category_id" bigint,
	"target_type" "overwrite_target" NOT NULL,
	"target_id" bigint NOT NULL,
	"allow" bigint DEFAULT 0 NOT NULL,
	"deny" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "permission_overwrites_one_scope" CHECK (("permission_overwrites"."channel_id" is null) <> ("permission_overwrites"."category_id" is null))
);
--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "category_id" bigint;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "position" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "permissions_synced" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_server_id_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permission_overwrites" ADD CONSTRAINT "permission_overwrites_server_id_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permission_overwrites" ADD CONSTRAINT "permission_overwrites_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permission_overwrites" ADD CONSTRAINT "permission_overwrites_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "categories_server_id_position_idx" ON "categories" USING btree ("server_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "permission_overwrites_channel_target_key" ON "permission_overwrites" USING btree ("channel_id","target_type","target_id");--> statement-breakpoint
CREATE UNIQUE INDEX "permission_overwrites_category_target_key" ON "permission_overwrites" USING btree ("category_id","target_type","target_id");--> statement-breakpoint
CREATE INDEX "permission_overwrites_server_id_idx" ON "permission_overwrites" USING btree ("server_id");--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Existing channels land uncategorised, in the order they were listed (oldest first), positions dense.
UPDATE "channels" SET "position" = "ranked"."position"
FROM (SELECT "id", (row_number() OVER (PARTITION BY "server_id" ORDER BY "id") - 1)::integer AS "position" FROM "channels") AS "ranked"
WHERE "channels"."id" = "ranked"."id";
