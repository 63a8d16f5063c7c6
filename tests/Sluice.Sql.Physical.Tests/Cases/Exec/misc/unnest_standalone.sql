-- UNNEST as a FROM item of its own (a table of the array's rows), joined with the orders: alice's orders 1, 3, 8, 10
-- get label A, bob's 2, 6, 9 label B; carol (not in the array), dave and the NULL customer have none. The names are
-- cast to STRING: a join of VARCHAR(5) with STRING keys is not executable yet.
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

SELECT o.id, t.label, t.n
FROM UNNEST(ARRAY[ROW(CAST('alice' AS STRING), 'A'), ROW(CAST('bob' AS STRING), 'B')]) WITH ORDINALITY AS t(name, label, n)
JOIN Orders AS o ON o.customer = t.name;
