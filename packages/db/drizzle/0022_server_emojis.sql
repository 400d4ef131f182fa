CREATE TABLE "server_emojis" (
	"id" bigint PRIMARY KEY NOT NULL,
	"server_id" bigint NOT NULL,
	"name" text NOT NULL,
	"animated" boolean NOT NULL,
	"content_type" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploader_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "server_emojis" ADD CONSTRAINT "server_emojis_server_id_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "server_emojis" ADD CONSTRAINT "server_emojis_uploader_id_users_id_fk" FOREIGN KEY ("uploader_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "server_emojis_server_id_name_lower_key" ON "server_emojis" USING btree ("server_id",lower("name"));