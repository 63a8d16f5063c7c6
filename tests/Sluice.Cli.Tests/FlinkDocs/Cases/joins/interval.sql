-- Flink docs: docs/content/docs/sql/reference/queries/joins.md, Interval Joins: orders shipped within four hours after
-- they were received. The page shows no data; these rows are made up: order 1 (10:00) shipped at 12:00, order 2
-- (11:00) at 16:30 (too late), order 3 (12:00) at 12:00.
CREATE TABLE Orders (
  id INT,
  order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = '../data/orders_interval.csv', 'format' = 'csv');

CREATE TABLE Shipments (
  ship_id STRING,
  order_id INT,
  ship_time TIMESTAMP(3),
  WATERMARK FOR ship_time AS ship_time - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = '../data/shipments.csv', 'format' = 'csv');

SELECT *
FROM Orders o, Shipments s
WHERE o.id = s.order_id
AND o.order_time BETWEEN s.ship_time - INTERVAL '4' HOUR AND s.ship_time;
