-- A message whose provider's answer was lost (a timeout, a reset after the request was
-- written) may have gone out: it is recorded `unknown`, neither sent nor failed.
ALTER TYPE "sms_message_status" ADD VALUE IF NOT EXISTS 'unknown';
