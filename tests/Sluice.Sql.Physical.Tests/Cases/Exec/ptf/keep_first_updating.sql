-- DEDUPLICATE_KEEP_FIRST over an updating input (each customer's latest order by event time: alice 1 -> 8 -> 10,
-- bob 2 -> 6): the first +I per customer is kept, every later -U/+U of the customer is swallowed, so the output is
-- the first latest row of each customer: alice 1, bob 2, carol 4, NULL 5, dave 7, insert-only.
-- exact-changelog
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

WITH latest AS (
  SELECT id, customer, product
  FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY customer ORDER BY ts DESC) AS rn FROM Orders)
  WHERE rn = 1)
SELECT * FROM DEDUPLICATE_KEEP_FIRST(input => TABLE latest PARTITION BY customer);
