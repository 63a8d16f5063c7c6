-- DEDUPLICATE_KEEP_FIRST without PARTITION BY: the whole input is one group (parallelism 1), only the first row of the
-- file (order 1) is emitted.
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

SELECT * FROM DEDUPLICATE_KEEP_FIRST(input => TABLE Orders);
