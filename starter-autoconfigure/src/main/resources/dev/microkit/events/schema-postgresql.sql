-- microkit events: ids of events a consumer group has handled (idempotent consumer)
CREATE TABLE IF NOT EXISTS microkit_processed_events (
    consumer_group VARCHAR(255) NOT NULL,
    event_id       VARCHAR(255) NOT NULL,
    processed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (consumer_group, event_id)
);
CREATE INDEX IF NOT EXISTS microkit_processed_events_processed_at ON microkit_processed_events (processed_at);

-- microkit events: the transactional outbox; rows are written in the application's
-- transaction and relayed to Kafka in id order per shard (a shard holds every key that
-- hashes to it, so one key's events are always relayed in order by one relay at a time).
-- A row Kafka refuses for good (too large, no such topic, not authorized) gets failed_at
-- and last_error and is skipped; fix the cause and set failed_at back to NULL to resend it.
CREATE TABLE IF NOT EXISTS microkit_outbox (
    id            BIGSERIAL PRIMARY KEY,
    shard         INTEGER NOT NULL,
    event_id      VARCHAR(255) NOT NULL,
    event_type    VARCHAR(255) NOT NULL,
    source        VARCHAR(255) NOT NULL,
    event_time    TIMESTAMP WITH TIME ZONE NOT NULL,
    topic         VARCHAR(255) NOT NULL,
    record_key    TEXT NOT NULL,
    payload       BYTEA NOT NULL,
    trace_context TEXT,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at       TIMESTAMP WITH TIME ZONE,
    failed_at     TIMESTAMP WITH TIME ZONE,
    last_error    TEXT
);
CREATE INDEX IF NOT EXISTS microkit_outbox_unsent ON microkit_outbox (shard, id) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX IF NOT EXISTS microkit_outbox_sent_at ON microkit_outbox (sent_at);
-- the relay counts parked rows every second; without this it would read the whole table
CREATE INDEX IF NOT EXISTS microkit_outbox_parked ON microkit_outbox (id) WHERE failed_at IS NOT NULL;

-- one row per shard; a relay locks the shards it works on
CREATE TABLE IF NOT EXISTS microkit_outbox_shards (
    shard INTEGER PRIMARY KEY
);
INSERT INTO microkit_outbox_shards (shard) SELECT s FROM generate_series(0, 15) AS s ON CONFLICT DO NOTHING;
