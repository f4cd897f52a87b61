-- AlterTable
ALTER TABLE "users" ADD COLUMN     "legacy_id" TEXT,
ADD COLUMN     "legacy_password_hash" TEXT,
ADD COLUMN     "legacy_password_salt" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "users_legacy_id_key" ON "users"("legacy_id");
