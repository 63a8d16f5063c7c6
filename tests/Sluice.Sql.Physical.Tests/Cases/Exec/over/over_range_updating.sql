-- A RANGE OVER window over an updating input (Flink rejects this; Sluice keeps each partition's rows in time order and
-- updates the rows whose frames a change enters or leaves). Input: the latest order per product (a deduplication that
-- replaces a product's row when a later order comes): cherry 00 (quantity 10), durian 11 (1), NULL 12 (4), apple 15 (3),
-- banana 20 (5). Frames of 5 seconds back, the current time included: cherry 10; durian 1; NULL 1 + 4 = 5;
-- apple 1 + 4 + 3 = 8 (11, 12, 15); banana 3 + 5 = 8 (15, 20).
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

SELECT product, quantity,
       SUM(quantity) OVER (ORDER BY ts RANGE BETWEEN INTERVAL '5' SECOND PRECEDING AND CURRENT ROW) AS recent
FROM (
  SELECT product, quantity, ts, ROW_NUMBER() OVER (PARTITION BY product ORDER BY ts DESC) AS rn
  FROM Orders)
WHERE rn = 1;
