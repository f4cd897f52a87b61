-- Campaigns: one template sent to an uploaded list of recipients, by a worker, held to a send
-- window and a rate. A recipient row is claimed (`sending`) before any provider has it, so a
-- worker that dies leaves it `unknown`, never sent twice.
CREATE TYPE "sms_campaign_status" AS ENUM
  ('draft', 'scheduled', 'sending', 'paused', 'completed', 'cancelled', 'failed');

CREATE TYPE "sms_campaign_recipient_status" AS ENUM
  ('pending', 'sending', 'sent', 'failed', 'unknown', 'suppressed', 'cancelled');

CREATE TABLE "sms_campaigns" (
  "id"                 UUID NOT NULL,
  "name"               TEXT NOT NULL,
  "kind"               "sms_template_kind" NOT NULL,
  "template_name"      TEXT NOT NULL,
  "locale"             TEXT NOT NULL,
  "signature_id"       UUID,
  "signature"          TEXT NOT NULL,
  "status"             "sms_campaign_status" NOT NULL DEFAULT 'draft',
  "scheduled_at"       TIMESTAMPTZ(3),
  "window_start"       TEXT,
  "window_end"         TEXT,
  "window_time_zone"   TEXT,
  "rate"               INTEGER,
  "uploads"            INTEGER NOT NULL DEFAULT 0,
  "accepted_count"     INTEGER NOT NULL DEFAULT 0,
  "duplicate_count"    INTEGER NOT NULL DEFAULT 0,
  "suppressed_count"   INTEGER NOT NULL DEFAULT 0,
  "rejected_count"     INTEGER NOT NULL DEFAULT 0,
  "runs"               INTEGER NOT NULL DEFAULT 0,
  "failure_reason"     TEXT,
  "created_at"         TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at"         TIMESTAMPTZ(3) NOT NULL,
  "started_at"         TIMESTAMPTZ(3),
  "finished_at"        TIMESTAMPTZ(3),
  CONSTRAINT "sms_campaigns_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "sms_campaigns_created_at_idx" ON "sms_campaigns" ("created_at");

-- `seq` is the order rows were accepted in; a phone appears once per campaign.
CREATE TABLE "sms_campaign_recipients" (
  "campaign_id"      UUID NOT NULL,
  "seq"              INTEGER NOT NULL,
  "phone"            TEXT NOT NULL,
  "region"           TEXT NOT NULL,
  "variables"        JSONB NOT NULL DEFAULT '{}',
  "segments"         INTEGER NOT NULL,
  "status"           "sms_campaign_recipient_status" NOT NULL DEFAULT 'pending',
  "message_id"       UUID NOT NULL,
  "tries"            INTEGER NOT NULL DEFAULT 0,
  "next_attempt_at"  TIMESTAMPTZ(3),
  "claimed_at"       TIMESTAMPTZ(3),
  -- The upload that added it: a file that fails half-way is taken back whole.
  "upload"           INTEGER NOT NULL,
  CONSTRAINT "sms_campaign_recipients_pkey" PRIMARY KEY ("campaign_id", "seq"),
  CONSTRAINT "sms_campaign_recipients_campaign_id_fkey" FOREIGN KEY ("campaign_id")
    REFERENCES "sms_campaigns" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "sms_campaign_recipients_campaign_id_phone_key"
  ON "sms_campaign_recipients" ("campaign_id", "phone");
CREATE UNIQUE INDEX "sms_campaign_recipients_message_id_key"
  ON "sms_campaign_recipients" ("message_id");
CREATE INDEX "sms_campaign_recipients_campaign_id_status_seq_idx"
  ON "sms_campaign_recipients" ("campaign_id", "status", "seq");

-- The rows an upload refused, with their place in the file and why.
CREATE TABLE "sms_campaign_rejections" (
  "campaign_id"  UUID NOT NULL,
  "upload"       INTEGER NOT NULL,
  "row_number"   INTEGER NOT NULL,
  "code"         TEXT NOT NULL,
  "reason"       TEXT NOT NULL,
  "phone"        TEXT,
  CONSTRAINT "sms_campaign_rejections_pkey" PRIMARY KEY ("campaign_id", "upload", "row_number"),
  CONSTRAINT "sms_campaign_rejections_campaign_id_fkey" FOREIGN KEY ("campaign_id")
    REFERENCES "sms_campaigns" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

ALTER TABLE "sms_messages" ADD COLUMN "campaign_id" UUID;
CREATE INDEX "sms_messages_campaign_id_status_idx" ON "sms_messages" ("campaign_id", "status");
