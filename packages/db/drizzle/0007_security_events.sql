CREATE TYPE "public"."security_event_kind" AS ENUM('sign_in.code_failed', 'password.changed', 'two_factor.enabled', 'two_factor.disabled');--> statement-breakpoint
CREATE TABLE "security_events" (
	"id" bigint PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"kind" "security_event_kind" NOT NULL,
	"address" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "security_events" ADD CONSTRAINT "security_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "security_events_user_id_id_idx" ON "security_events" USING btree ("user_id","id");