-- Flink docs: docs/content/docs/sql/reference/queries/joins.md, UNNEST WITH ORDINALITY of a constant array (the page's
-- id column is the VALUES column EXPR$0).
-- compare: ordered
SELECT *
FROM (VALUES ('order_1'), ('order_2'))
    CROSS JOIN UNNEST(ARRAY['shirt', 'pants', 'hat'])
        WITH ORDINALITY AS t(product_name, index);
