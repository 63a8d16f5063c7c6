-- LEFT JOIN LATERAL ... ON TRUE: customers without such orders (carol, erin) are padded, also in the column the
-- subquery computes from the outer row (erin's place is NULL though her city is Oslo).
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

CREATE TABLE Customers (
  name STRING,
  city STRING,
  tier STRING
) WITH ('connector' = 'filesystem', 'path' = 'data/customers.csv', 'format' = 'csv',
        'csv.allow-comments' = 'true', 'csv.null-literal' = 'NULL');

SELECT c.name, o.id, o.place
FROM Customers c LEFT JOIN LATERAL (SELECT id, c.city AS place FROM Orders WHERE customer = c.name AND quantity > 2) o ON TRUE;
