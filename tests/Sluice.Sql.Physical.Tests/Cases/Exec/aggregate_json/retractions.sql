-- The aggregates over an updating input (a GROUP BY over a GROUP BY): the inner counts change (alice 1 -> 2 -> 3 -> 4,
-- bob 1 -> 2 -> 3), so the outer calls see -U(old) +U(new) and must retract the old count. Final counts: alice 4,
-- bob 3, carol 1, dave 1, NULL (written '?') 1. The median of 1 1 1 3 4 is 1; ARRAY_AGG's order depends on arrival,
-- so it is sorted here.
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

SELECT JSON_OBJECTAGG(KEY COALESCE(customer, '?') VALUE cnt) AS counts, PERCENTILE(cnt, 0.5) AS median,
       CARDINALITY(ARRAY_AGG(cnt)) AS n, ARRAY_SORT(ARRAY_AGG(cnt)) AS sorted
FROM (SELECT customer, COUNT(*) AS cnt FROM Orders GROUP BY customer);
