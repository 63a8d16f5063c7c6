-- ARRAY_AGG per customer, in arrival (file) order. RESPECT NULLS is Flink's default, so bob's NULL product (order 9)
-- is an element; DISTINCT keeps the first occurrence of each value (alice's second apple, order 8, is dropped);
-- IGNORE NULLS skips bob's NULL quantity (order 2). alice: 1 apple 3, 3 cherry 10, 8 apple 3, 10 banana 5;
-- bob: 2 banana NULL, 6 apple 2, 9 NULL 4; carol: 4 apple 1; NULL: 5 banana 6; dave: 7 durian 1.
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

SELECT customer, ARRAY_AGG(product) AS products, ARRAY_AGG(DISTINCT product) AS distinct_products,
       ARRAY_AGG(quantity IGNORE NULLS) AS quantities
FROM Orders
GROUP BY customer;
