-- CreateEnum
CREATE TYPE "sms_message_status" AS ENUM ('sent', 'failed', 'delivered', 'undelivered');

-- CreateTable
CREATE TABLE "sms_messages" (
    "id" UUID NOT NULL,
    "phone" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "provider_message_id" TEXT,
    "status" "sms_message_status" NOT NULL,
    "error_code" TEXT,
    "error_message" TEXT,
    "content" TEXT NOT NULL,
    "segments" INTEGER NOT NULL,
    "client_ip" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sms_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sms_messages_phone_created_at_idx" ON "sms_messages"("phone", "created_at");

-- CreateIndex
CREATE INDEX "sms_messages_created_at_idx" ON "sms_messages"("created_at");

-- CreateIndex
CREATE INDEX "sms_messages_status_created_at_idx" ON "sms_messages"("status", "created_at");
