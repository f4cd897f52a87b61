-- Every template and every message has the channel it goes out on: `sms` today, `voice` next.
-- Existing rows were all SMS, which the default fills in without rewriting them (PostgreSQL 11+
-- stores a constant default in the catalogue).
CREATE TYPE "message_channel" AS ENUM ('sms', 'voice');

ALTER TABLE "sms_templates" ADD COLUMN "channel" "message_channel" NOT NULL DEFAULT 'sms';

ALTER TABLE "sms_messages" ADD COLUMN "channel" "message_channel" NOT NULL DEFAULT 'sms';
