-- A LATERAL subquery correlated by an equality, with a local filter and a column computed from the outer row:
-- a join on customer = name. Orders with quantity > 2: alice 1, 3, 8, 10; bob 9; order 5 has no customer.
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

SELECT c.name, c.city, o.id, o.quantity, o.place
FROM Customers c, LATERAL (SELECT id, quantity, c.city AS place FROM Orders WHERE customer = c.name AND quantity > 2) o;
