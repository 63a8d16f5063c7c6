-- The two largest orders per customer (ties broken by id, NULL quantities last): alice 3 (10) and 10 (5); bob 9 (4)
-- and 6 (2), not 2 (NULL); one order for carol, dave and the NULL customer.
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

SELECT customer, id, quantity, rn
FROM (
  SELECT customer, id, quantity,
         ROW_NUMBER() OVER (PARTITION BY customer ORDER BY quantity DESC NULLS LAST, id) AS rn
  FROM Orders
)
WHERE rn <= 2;
