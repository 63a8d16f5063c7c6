-- COUNT(DISTINCT customer) split in two levels: a partial aggregate per product and bucket of the customer (its hash
-- mod 4) counts the distinct customers and the rows of each bucket, a final aggregate per product sums the partial counts.
-- Each customer falls in exactly one bucket, so the sums are count_distinct's buyers and orders (derived there:
-- banana has bob, NULL, alice -> 2 buyers of 3 orders; apple alice, carol, bob -> 3 of 4).
SET 'table.optimizer.distinct-agg.split.enabled' = 'true';
SET 'table.optimizer.distinct-agg.split.bucket-num' = '4';
CREATE TABLE Orders (
  id BIGINT,
  customer STRING,
  product STRING,
  quantity INT,
  price DECIMAL(10, 2),
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'data/orders.csv', 'format' = 'csv',
        'csv.allow-comments' = 'true', 'csv.null-literal' = 'NULL');

SELECT product,
       COUNT(DISTINCT customer) AS buyers,
       COUNT(*) AS orders
FROM Orders
GROUP BY product;
