-- Flink docs: docs/content/docs/dev/table/sql/queries/group-agg.md, CUBE (the first query; the second is spelled
-- GROUPING SET, which does not parse). The page shows no result: the 25 rows are the 8 grouping sets of the 4 rows, by hand.
-- compare: final
SELECT supplier_id, rating, product_id, COUNT(*)
FROM (VALUES
    ('supplier1', 'product1', 4),
    ('supplier1', 'product2', 3),
    ('supplier2', 'product3', 3),
    ('supplier2', 'product4', 4))
AS Products(supplier_id, product_id, rating)
GROUP BY CUBE (supplier_id, rating, product_id);
