-- DEDUPLICATE_KEEP_FIRST (Flink 2's process table function) by arrival: each customer's first order in the file is
-- kept (alice 1, not her earlier-timed 3; bob 2; carol 4; the NULL customer 5, a group of its own; dave 7), later ones
-- are dropped; the output is insert-only with the partition key first.
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

SELECT customer, id, product
FROM DEDUPLICATE_KEEP_FIRST(input => TABLE Orders PARTITION BY customer);
