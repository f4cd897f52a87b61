-- The changed object as it was before an admin change and as it is after it, beside the request
-- body and the answer: entries written before this migration have neither (NULL).
ALTER TABLE "admin_audit_entries" ADD COLUMN "before" JSONB,
ADD COLUMN "after" JSONB;
