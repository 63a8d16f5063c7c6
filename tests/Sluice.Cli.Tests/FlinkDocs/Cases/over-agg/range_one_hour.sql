-- Flink docs: docs/content/docs/sql/reference/queries/over-agg.md, the sum of the same product's amounts in the hour up to
-- each order. The page shows no data; these rows are made up: order 4 (11:15) sums orders 2 and 4 (10:00 is out of range).
CREATE TABLE Orders (
  order_id INT,
  product STRING,
  amount INT,
  order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = '../data/orders_over.csv', 'format' = 'csv');

SELECT order_id, order_time, amount,
  SUM(amount) OVER (
    PARTITION BY product
    ORDER BY order_time
    RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW
  ) AS one_hour_prod_amount_sum
FROM Orders;
