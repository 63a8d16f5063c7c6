-- PERCENTILE over all orders (a global aggregate). Quantities (NULL of order 2 skipped), sorted: 1 1 2 3 3 4 5 6 10
-- (n = 9): the median is at position 0.5 * 8 = 4, the value 3. Prices (NULL of order 9 skipped), sorted:
-- 0.25 x3, 1.50 x4, 4.00, 12.00: the 0.25 quantile is at position 2 (0.25), the 0.75 one at 6 (1.50). Weighted by the
-- order id as frequency: value 1 x11 (orders 4, 7), 2 x6, 3 x9 (1, 8), 4 x9, 5 x10, 6 x5, 10 x3, n = 53; the median at
-- position 26 is past the 11 + 6 + 9 = 26 values below 4, so it is 4.
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

SELECT PERCENTILE(quantity, 0.5) AS median_quantity, PERCENTILE(price, ARRAY[0.25, 0.75]) AS price_quartiles,
       PERCENTILE(quantity, 0.5, id) AS weighted_median
FROM Orders;
