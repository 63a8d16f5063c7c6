-- EXISTS nested in EXISTS, the inner one referring to the outermost query (two levels out, in a non-equality): the
-- customers with an order of a product that no other customer ordered. The middle query carries the customer's name.
-- alice: cherry (3) only she ordered; bob: his order 9 has a NULL product, which equals no product, so no other order
-- matches it (NOT EXISTS is true); carol: apple was ordered by alice and bob too; erin: no orders. The NULL customer of
-- order 5 (banana) is not "another customer" (NULL <> name is unknown), but bob's banana (2) has alice's (10) anyway.
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
  WHERE o.customer = c.name
    AND NOT EXISTS (SELECT 1 FROM Orders AS o2 WHERE o2.product = o.product AND o2.customer <> c.name));
