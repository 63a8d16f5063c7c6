-- Flink docs: docs/content/docs/sql/reference/queries/select.md, SELECT order_id, price + tax FROM Orders.
-- The page shows no data; these rows are made up. An unnamed expression is named EXPR$<position>, as in Flink, and
-- DECIMAL(10, 2) + DECIMAL(10, 2) is DECIMAL(11, 2) (two fraction digits in the output).
CREATE TABLE Orders (order_id INT, price DECIMAL(10, 2), tax DECIMAL(10, 2), id INT) WITH (
  'connector' = 'filesystem', 'path' = '../data/orders_tax.csv', 'format' = 'csv');

SELECT order_id, price + tax FROM Orders;

SELECT price + tax FROM Orders WHERE id = 10;
