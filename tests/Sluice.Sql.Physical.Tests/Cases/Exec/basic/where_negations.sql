-- NOT IN, NOT LIKE, IS NOT NULL, NOT BETWEEN: three-valued logic drops every row where one conjunct is NULL.
-- Only carol (4) and dave (7) pass NOT IN (the NULL customer of 5 gives NULL); 'durian' is LIKE '%an%'.
-- exact-changelog
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

SELECT id, customer
FROM Orders
WHERE customer NOT IN ('alice', 'bob')
  AND product NOT LIKE '%an%'
  AND quantity IS NOT NULL
  AND id NOT BETWEEN 5 AND 6;
