-- group_by_having.sql with mini-batch and local-global aggregation: a LocalGroupAggregate before the exchange sends
-- partial accumulators, a GlobalGroupAggregate merges them; the final rows are those of group_by_having (derived there):
-- buffering and splitting change how often results are updated, never what they end as.
SET 'table.exec.mini-batch.enabled' = 'true';
SET 'table.exec.mini-batch.allow-latency' = '1 s';
SET 'table.exec.mini-batch.size' = '4';
SET 'table.optimizer.agg-phase-strategy' = 'TWO_PHASE';
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
