ALTER TYPE "public"."audit_action" ADD VALUE 'emoji.create';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'emoji.rename';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'emoji.delete';