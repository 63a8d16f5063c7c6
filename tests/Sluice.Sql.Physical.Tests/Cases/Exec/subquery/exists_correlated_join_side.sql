-- EXISTS over a join whose right side is a derived table correlated with the outer query (Flink's
-- testExistsWithCorrelatedOnWhere_InnerJoin2 shape): the correlation is pulled up through the inner join into the semi
-- join's condition. Customers of the same city as c who ordered an apple: every city has one customer (carol's NULL city
-- equals none); alice (1, 8) and bob (6) ordered apples, erin nothing.
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
SELECT c.name
FROM Customers AS c
WHERE EXISTS (
  SELECT 1 FROM Orders AS o
  JOIN (SELECT c2.name FROM Customers AS c2 WHERE c2.city = c.city) AS same ON o.customer = same.name
  WHERE o.product = 'apple');
