-- The order a client sent a resource's or scope's attribute keys in, when jsonb's own order
-- (shorter keys first, then bytewise) differs: see lib/store/write/key-order.ts. NULL: jsonb's
-- order is the client's (or the row predates this column; ingest fills it when the resource
-- comes again, as the same hash means the same keys in the same order).
ALTER TABLE "resources" ADD COLUMN "attributes_order" TEXT;
ALTER TABLE "scopes" ADD COLUMN "attributes_order" TEXT;
