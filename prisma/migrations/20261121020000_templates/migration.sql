-- CreateEnum
CREATE TYPE "sms_template_kind" AS ENUM ('verification', 'notification', 'marketing');

-- CreateEnum
CREATE TYPE "sms_review_status" AS ENUM ('pending', 'approved', 'rejected');

-- CreateEnum
CREATE TYPE "sms_signature_type" AS ENUM ('company', 'app', 'website', 'public_account', 'mini_program', 'trademark', 'government', 'other');

-- CreateEnum
CREATE TYPE "sms_signature_purpose" AS ENUM ('self_use', 'third_party');

-- AlterTable
ALTER TABLE "sms_messages" ADD COLUMN     "kind" "sms_template_kind" NOT NULL DEFAULT 'verification',
ADD COLUMN     "template_name" TEXT,
ADD COLUMN     "locale" TEXT,
ADD COLUMN     "signature" TEXT,
ADD COLUMN     "region" TEXT,
ADD COLUMN     "test_number" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "verified_at" TIMESTAMPTZ(3),
ADD COLUMN     "receipt_code" TEXT,
ADD COLUMN     "receipt_at" TIMESTAMPTZ(3),
ADD COLUMN     "attempts" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "sms_signatures" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "type" "sms_signature_type" NOT NULL,
    "purpose" "sms_signature_purpose" NOT NULL DEFAULT 'self_use',
    "qualification" TEXT,
    "status" "sms_review_status" NOT NULL DEFAULT 'pending',
    "rejection_reason" TEXT,
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sms_signatures_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sms_templates" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "sms_template_kind" NOT NULL,
    "purpose" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "provider_template_ids" JSONB NOT NULL DEFAULT '{}',
    "status" "sms_review_status" NOT NULL DEFAULT 'pending',
    "rejection_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sms_templates_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sms_messages_provider_provider_message_id_idx" ON "sms_messages"("provider", "provider_message_id");

-- CreateIndex
CREATE UNIQUE INDEX "sms_signatures_name_key" ON "sms_signatures"("name");

-- CreateIndex
CREATE UNIQUE INDEX "sms_signatures_single_default_key" ON "sms_signatures"("is_default") WHERE ("is_default" = true);

-- CreateIndex
CREATE INDEX "sms_templates_kind_purpose_status_idx" ON "sms_templates"("kind", "purpose", "status");

-- CreateIndex
CREATE UNIQUE INDEX "sms_templates_name_locale_key" ON "sms_templates"("name", "locale");
