-- Flink docs: docs/content/docs/sql/reference/queries/deduplication.md, keep the first row per order_id
-- (processing time). The page shows no data; these rows are made up: the first o1 and o2 are kept, insert-only.
CREATE TABLE Orders (
  order_id  STRING,
  user        STRING,
  product     STRING,
  num         BIGINT,
  proctime AS PROCTIME()
) WITH ('connector' = 'filesystem', 'path' = '../data/orders_dup.csv', 'format' = 'csv');

SELECT order_id, user, product, num
FROM (
  SELECT *,
    ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY proctime ASC) AS row_num
  FROM Orders)
WHERE row_num = 1;
