-- Opt-out: the replies people send back (上行) and the numbers suppressed per signature.
-- Carriers treat an opt-out reply ("R", "TD") as leaving that sender, so the list is per
-- signature: a number that left one brand still gets another's messages.
CREATE TYPE "sms_suppression_reason" AS ENUM ('reply', 'admin', 'import');

-- Every reply a provider pushed, opt-out or not. `signature_id` and `message_id` are what the
-- reply could be matched to (null when it could not: a sign no signature carries, no recent
-- message); `message_id` has no foreign key, as message records are deleted by retention.
-- `dedupe_key` makes a provider's repeated push (Aliyun retries for minutes) one row.
CREATE TABLE "sms_replies" (
    "id" UUID NOT NULL,
    "provider" TEXT NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "signature_id" UUID,
    "sign_name" TEXT,
    "extend_code" TEXT,
    "text" TEXT NOT NULL,
    "opt_out" BOOLEAN NOT NULL,
    "message_id" UUID,
    "replied_at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sms_replies_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "sms_replies_dedupe_key_key" ON "sms_replies"("dedupe_key");
CREATE INDEX "sms_replies_received_at_idx" ON "sms_replies"("received_at");
CREATE INDEX "sms_replies_phone_received_at_idx" ON "sms_replies"("phone", "received_at");

ALTER TABLE "sms_replies" ADD CONSTRAINT "sms_replies_signature_id_fkey"
    FOREIGN KEY ("signature_id") REFERENCES "sms_signatures"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- One row per (signature, phone): the unique index is also the index `suppressedAmong` reads.
CREATE TABLE "sms_suppressions" (
    "id" UUID NOT NULL,
    "signature_id" UUID NOT NULL,
    "phone" TEXT NOT NULL,
    "reason" "sms_suppression_reason" NOT NULL,
    "reply_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sms_suppressions_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "sms_suppressions_signature_id_phone_key" ON "sms_suppressions"("signature_id", "phone");
CREATE INDEX "sms_suppressions_created_at_idx" ON "sms_suppressions"("created_at");
CREATE INDEX "sms_suppressions_phone_idx" ON "sms_suppressions"("phone");

ALTER TABLE "sms_suppressions" ADD CONSTRAINT "sms_suppressions_signature_id_fkey"
    FOREIGN KEY ("signature_id") REFERENCES "sms_signatures"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "sms_suppressions" ADD CONSTRAINT "sms_suppressions_reply_id_fkey"
    FOREIGN KEY ("reply_id") REFERENCES "sms_replies"("id") ON DELETE SET NULL ON UPDATE CASCADE;
