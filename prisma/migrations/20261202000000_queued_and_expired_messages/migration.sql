-- Messages are jobs of a queue now. A notification between tries is `queued` (set again when an
-- admin retries a failed one); a code whose process died before sending it and whose code had
-- expired when a worker took it up is `expired`: it was never sent.
ALTER TYPE "sms_message_status" ADD VALUE IF NOT EXISTS 'queued';
ALTER TYPE "sms_message_status" ADD VALUE IF NOT EXISTS 'expired';
