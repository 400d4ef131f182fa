ALTER TABLE "servers" ADD COLUMN "icon" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "avatar" text;