-- Span attribute keys by id: spans.attributes stores "\u007f" + the id in base 36 instead of
-- the key itself (lib/model/stored-keys.ts). Rows written before hold literal keys, which
-- still read and search as before. A reference table under Citus, like the other dimensions.
CREATE TABLE "attribute_keys" (
    "id" SERIAL PRIMARY KEY,
    "key" TEXT NOT NULL
);
CREATE UNIQUE INDEX "attribute_keys_key_key" ON "attribute_keys"("key");
