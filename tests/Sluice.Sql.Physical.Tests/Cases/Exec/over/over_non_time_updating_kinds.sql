-- A non-time OVER window (ordered by id) over an updating input, each customer's latest order: as Flink's non-time OVER
-- aggregation, a changed row keeps its input's kind (an input +U is emitted as +U, a -U as -U); the later rows whose
-- running count changes are updated with -U/+U. The input: +I alice 1, +I bob 2, +I carol 4, +I NULL 5, -U bob 2 /
-- +U bob 6, +I dave 7, -U alice 1 / +U alice 8, -U alice 8 / +U alice 10 (orders 3 and 9 are older than the latest).
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
  SELECT id, customer
  FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY customer ORDER BY ts DESC) AS rn FROM Orders)
  WHERE rn = 1)
SELECT customer, id, COUNT(*) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cnt FROM latest;
