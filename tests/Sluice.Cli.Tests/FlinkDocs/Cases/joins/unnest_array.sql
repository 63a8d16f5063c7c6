-- Flink docs: docs/content/docs/sql/reference/queries/joins.md, Array Expansion: a row per element of a constant array.
-- The page's column names (id, product_name) are illustrative: the columns are EXPR$0 (of VALUES) and, for the
-- unnamed element column, EXPR$0 made unique as EXPR$00, as Flink names them.
SELECT * FROM (VALUES('order_1')), UNNEST(ARRAY['shirt', 'pants', 'hat']);
