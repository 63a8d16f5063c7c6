-- Projection over a filter: arithmetic (INT * DECIMAL keeps the scale 2), CASE, string functions; NULL in, NULL out.
-- Every order but 6, in file order. Order 2 (NULL quantity) is 'unknown' with a NULL total; 9 (NULL product and
-- price) has a NULL total, length and label.
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

SELECT id,
       UPPER(customer) AS who,
       quantity * price AS total,
       CASE WHEN quantity >= 5 THEN 'bulk' WHEN quantity IS NULL THEN 'unknown' ELSE 'single' END AS size,
       CHAR_LENGTH(product) AS len,
       product || '#' || CAST(id AS STRING) AS label,
       id % 3 AS bucket
FROM Orders
WHERE id <> 6;
