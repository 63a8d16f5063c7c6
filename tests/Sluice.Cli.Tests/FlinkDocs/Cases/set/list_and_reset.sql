-- Flink docs: docs/content/docs/sql/reference/utility/set.md and reset.md: SET without a key lists the session's
-- properties (key and value, sorted by key); RESET 'key' removes one, RESET without a key all.
-- compare: text
SET 'table.local-time-zone' = 'Europe/Berlin';
SET 'pipeline.name' = 'report';
SET;
RESET 'pipeline.name';
SET;
RESET;
SET;
