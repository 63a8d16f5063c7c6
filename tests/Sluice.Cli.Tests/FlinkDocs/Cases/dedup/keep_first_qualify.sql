-- Flink docs: docs/content/docs/sql/reference/queries/deduplication.md, the QUALIFY form of the syntax.
CREATE TABLE Orders (
  order_id  STRING,
  user        STRING,
  product     STRING,
  num         BIGINT,
  proctime AS PROCTIME()
) WITH ('connector' = 'filesystem', 'path' = '../data/orders_dup.csv', 'format' = 'csv');

SELECT order_id, user, product, num
FROM Orders
QUALIFY ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY proctime ASC) = 1;
