-- COUNT(DISTINCT a, b) with mini-batch: the distinct (a, b) tuples in which neither value is NULL, over an updating input.
-- The inner aggregation counts the orders per (customer, product): (alice, apple) 2 (it is 1 until order 8 arrives,
-- then retracted and re-emitted as 2), every other pair 1: (bob, banana), (alice, cherry), (carol, apple),
-- (NULL, banana), (bob, apple), (dave, durian), (bob, NULL), (alice, banana).
-- Per customer, COUNT(DISTINCT product, n): alice (apple, 2), (cherry, 1), (banana, 1) -> 3; bob (banana, 1),
-- (apple, 1), and (NULL, 1) not counted -> 2; carol 1; dave 1; the NULL customer (banana, 1) -> 1.
-- COUNT(DISTINCT n): alice {2, 1} -> 2, every other customer {1} -> 1. COUNT(*) counts the pairs: alice 3, bob 3.
-- With mini-batch (bundles of at most 3 rows, folded per key; the inner COUNT(*) runs in two phases, the DISTINCT calls
-- in one) the final result is count_distinct_columns'.
SET 'table.exec.mini-batch.enabled' = 'true';
SET 'table.exec.mini-batch.allow-latency' = '1 s';
SET 'table.exec.mini-batch.size' = '3';
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
       COUNT(DISTINCT product, n) AS distinct_pairs,
       COUNT(DISTINCT n) AS distinct_counts,
       COUNT(*) AS pairs
FROM (SELECT customer, product, COUNT(*) AS n FROM Orders GROUP BY customer, product)
GROUP BY customer;
