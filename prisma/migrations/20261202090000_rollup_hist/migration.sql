-- An hour row's (level 2) histogram also as the text its readers ask for: its bucket ids then
-- their counts, comma-separated (lib/store/write/aggregate-rollups.ts, HIST_TEXT). Turning the two
-- arrays into text for every row of a read was most of the services page's time: a day at
-- 10-million-span density is ~10,000 hour rows, ~18 µs each. NULL on the other levels, whose
-- readers compute it.
ALTER TABLE "span_rollups" ADD COLUMN "hist" TEXT;
UPDATE "span_rollups" SET "hist" = array_to_string("buckets" || "counts", ',') WHERE "level" = 2;
