-- JSON_OBJECTAGG keyed by the order id (keys in ascending code point order: "1" < "10" < "3" < "8"), NULL ON NULL by
-- default (bob's order 2 has a NULL quantity); JSON_ARRAYAGG is ABSENT ON NULL by default (bob's NULL product, order 9,
-- is left out) and keeps the NULL quantity as null with NULL ON NULL; a JSON_OBJECT value is embedded as JSON, not as
-- a string. Orders per customer as in array_agg.sql.
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
       JSON_ARRAYAGG(quantity NULL ON NULL) AS quantities, JSON_ARRAYAGG(JSON_OBJECT('id' VALUE id, 'p' VALUE product)) AS items
FROM Orders
GROUP BY customer;
