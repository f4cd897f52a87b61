-- Allow and deny rules of the fraud guard that admins edit at run time (README "Fraud guard"),
-- besides SMS_FRAUD_ALLOW / SMS_FRAUD_DENY. Every process holds them compiled in memory and
-- reloads them when fraud_rules_version moves (it polls that one row).
CREATE TYPE "fraud_rule_kind" AS ENUM ('allow', 'deny');
CREATE TYPE "fraud_rule_match" AS ENUM ('cidr', 'country', 'prefix', 'number');

CREATE TABLE "fraud_rules" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" "fraud_rule_kind" NOT NULL,
    "match" "fraud_rule_match" NOT NULL,
    -- As the guard matches it: `CN`, `+86170`, `203.0.113.0/24` (the parser's normal form).
    "value" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    -- `session` (a named admin) or `api-key`. No foreign key: the rule outlives the account,
    -- and keeps the name it had then.
    "created_by_kind" TEXT NOT NULL,
    "created_by_id" UUID,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "fraud_rules_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "fraud_rules_kind_value_key" ON "fraud_rules" ("kind", "value");

-- One row: bumped in the transaction of every rule change, so a process that reads a new
-- version then the rules sees the change (never a version ahead of its rules).
CREATE TABLE "fraud_rules_version" (
    "id" SMALLINT NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "fraud_rules_version_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "fraud_rules_version_one_row" CHECK ("id" = 1)
);

INSERT INTO "fraud_rules_version" ("id", "version") VALUES (1, 0);
