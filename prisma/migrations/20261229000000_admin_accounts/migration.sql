-- Named admin accounts for the console, apart from the app's users, and the audit log of
-- every admin change (by a named admin's session or by ADMIN_API_KEY).
CREATE TYPE "admin_role" AS ENUM ('owner', 'operator', 'viewer');

CREATE TABLE "admin_accounts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "username" TEXT NOT NULL,
    -- The username folded to lower case: usernames are unique without regard to case.
    "username_key" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "admin_role" NOT NULL,
    -- The confirmed TOTP secret (base32); NULL when the second factor is off.
    "totp_secret" TEXT,
    -- A secret enrolled but not confirmed by a code yet.
    "totp_pending_secret" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    -- Console sessions opened before this are void (set by a password reset).
    "sessions_revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "admin_accounts_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "admin_accounts_username_key_key" ON "admin_accounts" ("username_key");

CREATE TABLE "admin_audit_entries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- `session` (a named admin) or `api-key` (automation with ADMIN_API_KEY).
    "actor" TEXT NOT NULL,
    -- No foreign key: the entry outlives the account, and keeps the name it had then.
    "admin_id" UUID,
    "admin_username" TEXT,
    "method" TEXT NOT NULL,
    -- The route's pattern (`/v1/admin/accounts/:id`) and the path as called.
    "route" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "object_id" TEXT,
    "status" INTEGER NOT NULL,
    -- The request body with secrets masked, and the answer (the object after the change).
    "request_body" JSONB,
    "response_body" JSONB,
    "client_ip" TEXT NOT NULL,

    CONSTRAINT "admin_audit_entries_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "admin_audit_entries_created_at_idx" ON "admin_audit_entries" ("created_at");
CREATE INDEX "admin_audit_entries_admin_id_created_at_idx" ON "admin_audit_entries" ("admin_id", "created_at");
CREATE INDEX "admin_audit_entries_route_created_at_idx" ON "admin_audit_entries" ("route", "created_at");
