-- An OVER aggregation over the updates of a Top-1 (which Flink rejects): the latest of the largest orders per customer
-- and product (alice's apple order 8 replaces order 1), then per customer in time order the items of it and the one
-- before: alice 3 (10), 8 (10 + 3), 10 (3 + 5); bob 2 (NULL), 9 (4), 6 (4 + 2); carol 4, NULL 5, dave 7 alone.
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

SELECT id, customer, quantity,
       SUM(quantity) OVER (PARTITION BY customer ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS recent
FROM (
  SELECT id, customer, quantity, ts,
         ROW_NUMBER() OVER (PARTITION BY customer, product ORDER BY quantity DESC, ts DESC) AS rn
  FROM Orders)
WHERE rn = 1;
