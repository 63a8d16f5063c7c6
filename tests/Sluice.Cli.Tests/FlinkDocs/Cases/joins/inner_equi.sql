-- Flink docs: docs/content/docs/sql/reference/queries/joins.md, INNER Equi-JOIN.
-- The page shows no data; these rows are made up: orders o1 (p1), o2 (p2), o3 (p9, no such product); products p1 shirt,
-- p2 pants, p3 hat (never ordered).
-- compare: final
CREATE TABLE Orders (order_id STRING, product_id STRING, quantity INT) WITH (
  'connector' = 'filesystem', 'path' = '../data/orders_product.csv', 'format' = 'csv');
CREATE TABLE Product (id STRING, name STRING) WITH ('connector' = 'filesystem', 'path' = '../data/product.csv', 'format' = 'csv');

SELECT *
FROM Orders
INNER JOIN Product
ON Orders.product_id = Product.id;
