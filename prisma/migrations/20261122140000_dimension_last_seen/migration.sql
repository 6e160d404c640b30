-- Dimension rows age out with the spans that use them. last_seen_day is the newest UTC day
-- (days since the epoch) of a span start that used the row; ingest raises it before the spans
-- are committed, and retention deletes the rows whose day is older than every day kept, so
-- services, operations, resources (one per pod restart) and scopes no longer outlive their
-- spans. Rows that exist already count as seen two days from now (the ingest window reaches
-- one day ahead), so none is forgotten while it may still have spans. A new row starts at 0
-- and is raised by the batch that created it before that batch's spans are committed.
ALTER TABLE "services" ADD COLUMN "last_seen_day" INTEGER NOT NULL DEFAULT (floor(extract(epoch FROM now()) / 86400) + 2)::integer;
ALTER TABLE "operations" ADD COLUMN "last_seen_day" INTEGER NOT NULL DEFAULT (floor(extract(epoch FROM now()) / 86400) + 2)::integer;
ALTER TABLE "resources" ADD COLUMN "last_seen_day" INTEGER NOT NULL DEFAULT (floor(extract(epoch FROM now()) / 86400) + 2)::integer;
ALTER TABLE "scopes" ADD COLUMN "last_seen_day" INTEGER NOT NULL DEFAULT (floor(extract(epoch FROM now()) / 86400) + 2)::integer;
ALTER TABLE "services" ALTER COLUMN "last_seen_day" SET DEFAULT 0;
ALTER TABLE "operations" ALTER COLUMN "last_seen_day" SET DEFAULT 0;
ALTER TABLE "resources" ALTER COLUMN "last_seen_day" SET DEFAULT 0;
ALTER TABLE "scopes" ALTER COLUMN "last_seen_day" SET DEFAULT 0;
