-- Spanscope initial schema. Mirrors prisma/schema.prisma, plus what Prisma cannot express:
-- day partitions on spans, GIN indexes for attribute search, BRIN on start time.

CREATE TABLE "services" (
    "id" SERIAL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "first_seen" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "services_name_key" ON "services"("name");

CREATE TABLE "operations" (
    "id" SERIAL PRIMARY KEY,
    "service_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "kind" SMALLINT NOT NULL,
    "first_seen" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "operations_service_id_name_kind_key" ON "operations"("service_id", "name", "kind");

CREATE TABLE "resources" (
    "id" SERIAL PRIMARY KEY,
    "hash" BYTEA NOT NULL,
    "service_id" INTEGER NOT NULL,
    "attributes" JSONB NOT NULL,
    "dropped_attributes_count" INTEGER NOT NULL DEFAULT 0,
    "schema_url" TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX "resources_hash_key" ON "resources"("hash");
CREATE INDEX "resources_service_id_idx" ON "resources"("service_id");
CREATE INDEX "resources_attributes_gin" ON "resources" USING GIN ("attributes" jsonb_path_ops);

CREATE TABLE "scopes" (
    "id" SERIAL PRIMARY KEY,
    "hash" BYTEA NOT NULL,
    "name" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "attributes" JSONB NOT NULL,
    "dropped_attributes_count" INTEGER NOT NULL DEFAULT 0,
    "schema_url" TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX "scopes_hash_key" ON "scopes"("hash");
CREATE INDEX "scopes_attributes_gin" ON "scopes" USING GIN ("attributes" jsonb_path_ops);

-- The fact table. Nullable columns hold NULL for the common empty value (no parent, no
-- message, zero dropped counts) so that they cost one bit in the null bitmap.
CREATE TABLE "spans" (
    "trace_id" UUID NOT NULL,
    "span_id" BYTEA NOT NULL,
    "parent_span_id" BYTEA,
    "start_ns" BIGINT NOT NULL,
    "duration_ns" BIGINT NOT NULL,
    "service_id" INTEGER NOT NULL,
    "operation_id" INTEGER NOT NULL,
    "resource_id" INTEGER NOT NULL,
    "scope_id" INTEGER NOT NULL,
    "status_code" SMALLINT NOT NULL,
    "status_message" TEXT,
    "trace_state" TEXT,
    "flags" INTEGER,
    "attributes" JSONB NOT NULL,
    "events" JSONB,
    "links" JSONB,
    "dropped_attributes_count" INTEGER,
    "dropped_events_count" INTEGER,
    "dropped_links_count" INTEGER
) PARTITION BY RANGE ("start_ns");

-- Declared on the parent, created on every day partition.
-- trace by id; also the per-trace join of the dependency graph
CREATE INDEX "spans_trace_id_idx" ON "spans"("trace_id");
-- search by service / operation in a time window, newest first
CREATE INDEX "spans_service_id_start_ns_idx" ON "spans"("service_id", "start_ns");
CREATE INDEX "spans_operation_id_start_ns_idx" ON "spans"("operation_id", "start_ns");
-- search without a service: time window scans
CREATE INDEX "spans_start_ns_brin" ON "spans" USING BRIN ("start_ns");
-- attribute search by containment (@>), see lib/store/find-trace-ids.ts
CREATE INDEX "spans_attributes_gin" ON "spans" USING GIN ("attributes" jsonb_path_ops);
CREATE INDEX "spans_events_gin" ON "spans" USING GIN ("events" jsonb_path_ops) WHERE "events" IS NOT NULL;
CREATE INDEX "spans_links_gin" ON "spans" USING GIN ("links" jsonb_path_ops) WHERE "links" IS NOT NULL;
