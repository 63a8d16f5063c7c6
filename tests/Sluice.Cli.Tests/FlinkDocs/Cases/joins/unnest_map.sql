-- Flink docs: docs/content/docs/sql/reference/queries/joins.md, UNNEST of a map WITH ORDINALITY: a row per key/value
-- pair. The page's column names are illustrative; Flink names the pair's columns KEY and VALUE and the position
-- ORDINALITY.
SELECT *
FROM
    (VALUES('order_1'))
        CROSS JOIN UNNEST(MAP['shirt', 2, 'pants', 1, 'hat', 1]) WITH ORDINALITY;
