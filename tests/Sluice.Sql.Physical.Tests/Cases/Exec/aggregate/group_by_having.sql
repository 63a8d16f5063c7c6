-- Per customer: COUNT(*) counts rows, COUNT(quantity) non-NULL values; SUM/MIN/MAX/AVG ignore NULLs; AVG of INT is an
-- INT (truncated: alice 21 / 4 = 5). The NULL customer is a group of its own. HAVING drops carol and dave (1 item each).
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
       COUNT(*) AS orders,
       COUNT(quantity) AS counted,
       SUM(quantity) AS items,
       MIN(price) AS cheapest,
       MAX(product) AS last_product,
       AVG(quantity) AS avg_items
FROM Orders
GROUP BY customer
HAVING SUM(quantity) > 1;
