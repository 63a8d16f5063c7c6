-- A global aggregate (no GROUP BY): one row. SUM skips the NULL quantity (35); AVG over the 9 non-NULL prices
-- 22.75 / 9 = 2.527777.. is a DECIMAL(38, 6) rounded half up; MAX of the row time is a plain TIMESTAMP(3).
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

SELECT COUNT(*) AS orders, SUM(quantity) AS items, AVG(price) AS avg_price, MAX(ts) AS latest
FROM Orders;
