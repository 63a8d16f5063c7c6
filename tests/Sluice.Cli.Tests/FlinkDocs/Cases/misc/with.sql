-- Flink docs: docs/content/docs/dev/table/sql/queries/with.md. The page shows no data; these rows are made up.
-- SUM of DECIMAL(11, 2) is DECIMAL(38, 2); the unnamed SUM is EXPR$1.
-- compare: final
CREATE TABLE Orders (order_id INT, price DECIMAL(10, 2), tax DECIMAL(10, 2), id INT) WITH (
  'connector' = 'filesystem', 'path' = '../data/orders_tax.csv', 'format' = 'csv');

WITH orders_with_total AS (
    SELECT order_id, price + tax AS total
    FROM Orders
)
SELECT order_id, SUM(total)
FROM orders_with_total
GROUP BY order_id;
