-- TO_CHANGELOG with a custom op column and op_mapping: only inserts and update-afters are forwarded, as I and U.
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
SELECT * FROM TO_CHANGELOG(input => TABLE latest PARTITION BY customer, op => DESCRIPTOR(kind),
  op_mapping => MAP['INSERT', 'I', 'UPDATE_AFTER', 'U']);
