-- Flink docs: docs/content/docs/dev/table/sql/queries/group-agg.md, DISTINCT aggregation: the number of distinct
-- order_ids (four: order 2 is there twice).
-- The page shows no data; these rows are made up: orders 1 (alice, 30), 2 (bob, 20), 3 (alice, 40), 2 again (bob, 10), 4
-- (carol, 60).
-- compare: final
CREATE TABLE Orders (order_id INT, users STRING, amount INT) WITH ('connector' = 'filesystem', 'path' = '../data/orders_users.csv', 'format' = 'csv');

SELECT COUNT(DISTINCT order_id) FROM Orders;
