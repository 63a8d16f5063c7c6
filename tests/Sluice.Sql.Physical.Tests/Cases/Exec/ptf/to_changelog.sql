-- TO_CHANGELOG over each customer's latest order by event time: every change becomes an appended row naming its kind,
-- the partition key first, then op, then the other columns. alice: +I 1, -U 1 / +U 8 (10:00:15), -U 8 / +U 10; bob:
-- +I 2, -U 2 / +U 6 (10:00:14; 9 at 10:00:12 is older); carol, NULL and dave one insert each.
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
SELECT * FROM TO_CHANGELOG(input => TABLE latest PARTITION BY customer);
