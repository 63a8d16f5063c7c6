-- Flink docs: docs/content/docs/sql/reference/queries/limit.md, the first 3 rows by orderTime. The page shows no data;
-- these rows are made up (the ORDER BY page's, the column named orderTime as here).
-- compare: rows
-- Orders 1 and 2 tie on orderTime, so only the set of the first three is fixed.
CREATE TABLE Orders (
  order_id INT,
  orderTime TIMESTAMP(3),
  id INT,
  WATERMARK FOR orderTime AS orderTime - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = '../data/orders_time.csv', 'format' = 'csv');

SELECT *
FROM Orders
ORDER BY orderTime
LIMIT 3;
