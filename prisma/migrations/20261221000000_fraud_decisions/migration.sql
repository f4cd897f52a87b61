-- The fraud guard's decisions that were not a plain pass (README "Fraud guard"): what tripped,
-- its figures, and what the request met. Written in batches off the request path.
CREATE TYPE "fraud_action" AS ENUM ('challenge', 'block', 'deny');
CREATE TYPE "fraud_outcome" AS ENUM ('refused', 'captcha_solved', 'recorded');

CREATE TABLE "fraud_decisions" (
  "id" BIGSERIAL PRIMARY KEY,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "phone" TEXT NOT NULL,
  "country" TEXT NOT NULL,
  "prefix" TEXT NOT NULL,
  "client_ip" TEXT NOT NULL,
  "key_kind" TEXT NOT NULL,
  "key_value" TEXT NOT NULL,
  "unverified" INTEGER NOT NULL,
  "budget" INTEGER NOT NULL,
  "action" "fraud_action" NOT NULL,
  "outcome" "fraud_outcome" NOT NULL
);

CREATE INDEX "fraud_decisions_created_at_idx" ON "fraud_decisions" ("created_at");
