-- COUNT(DISTINCT customer, quantity) split in two levels: $bucket is the hash of the (customer, quantity) tuple mod 4,
-- so every tuple lies in one bucket, and the final aggregate sums the partial counts.
-- Tuples per product (a NULL customer or quantity is not counted): apple (alice, 3) twice, (carol, 1), (bob, 2) -> 3
-- of 4 orders; banana (bob, NULL) and (NULL, 6) not counted, (alice, 5) -> 1 of 3; cherry (alice, 10) -> 1;
-- durian (dave, 1) -> 1; the NULL product (bob, 4) -> 1. MAX(quantity) per product: apple 3, banana 6, cherry 10,
-- durian 1, NULL 4.
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
       COUNT(DISTINCT customer, quantity) AS buyer_quantities,
       COUNT(*) AS orders,
       MAX(quantity) AS largest
FROM Orders
GROUP BY product;
