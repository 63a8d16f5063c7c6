-- json_agg.sql and array_agg.sql with mini-batch and TWO_PHASE requested: ARRAY_AGG and the JSON aggregates keep arrival
-- order, so they stay in one phase (as COLLECT and LISTAGG do); the rows are those derived in json_agg.sql and array_agg.sql.
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

SELECT customer, JSON_OBJECTAGG(KEY CAST(id AS STRING) VALUE quantity) AS by_id, JSON_ARRAYAGG(product) AS products,
       ARRAY_AGG(product) AS all_products, PERCENTILE(quantity, 1.0) AS top
FROM Orders
GROUP BY customer;
