-- microkit events: ids of events a consumer group has handled (idempotent consumer)
CREATE TABLE IF NOT EXISTS microkit_processed_events (
    consumer_group VARCHAR(255) NOT NULL,
    event_id       VARCHAR(255) NOT NULL,
    processed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (consumer_group, event_id)
);
CREATE INDEX IF NOT EXISTS microkit_processed_events_processed_at ON microkit_processed_events (processed_at);
