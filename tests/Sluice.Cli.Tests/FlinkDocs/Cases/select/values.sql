-- Flink docs: docs/content/docs/sql/reference/queries/select.md, inline data with VALUES.
-- The page shows no result: the two rows, price typed DECIMAL(2, 1) as Flink types the literals 2.0 and 3.1.
-- compare: ordered
SELECT order_id, price FROM (VALUES (1, 2.0), (2, 3.1))  AS t (order_id, price);
