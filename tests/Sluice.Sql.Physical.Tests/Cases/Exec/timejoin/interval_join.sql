-- Shipments within 10 seconds after the order, both bounds inclusive: order 1 twice (:04, :09), 3, 4 (NULL carrier),
-- 6 (shipped at its order time) and 8 (exactly 10 s later). 7 shipped before its order, 2 too late, 11 has no order.
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

CREATE TABLE Shipments (
  orderId BIGINT,
  carrier STRING,
  shippedAt TIMESTAMP(3),
  WATERMARK FOR shippedAt AS shippedAt - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'data/shipments.csv', 'format' = 'csv',
        'csv.allow-comments' = 'true', 'csv.null-literal' = 'NULL');

SELECT o.id, o.customer, s.carrier, s.shippedAt
FROM Orders AS o, Shipments AS s
WHERE o.id = s.orderId
  AND s.shippedAt BETWEEN o.ts AND o.ts + INTERVAL '10' SECOND;
