-- FIRST_VALUE, LAST_VALUE and COUNT(DISTINCT) over ROW and MAP values, in file order per customer: alice's orders
-- 1, 3, 8, 10 (order 8 repeats order 1's (apple, 3), so 3 distinct), bob's 2, 6, 9 (product or quantity NULL in two).
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

SELECT customer,
       FIRST_VALUE(detail) AS first_order,
       LAST_VALUE(tags) AS last_tags,
       COUNT(DISTINCT detail) AS distinct_orders
FROM (SELECT customer, ROW(product, quantity) AS detail, MAP[id, product] AS tags FROM Orders)
GROUP BY customer;
