-- Flink docs: docs/content/docs/dev/table/sql/queries/group-agg.md, SELECT COUNT(*) FROM Orders: an updated count for
-- every new row; the final table holds the count of all five rows. The column of an unnamed aggregate is EXPR$0.
-- The page shows no data; these rows are made up: orders 1 (alice, 30), 2 (bob, 20), 3 (alice, 40), 2 again (bob, 10), 4
-- (carol, 60).
-- compare: final
CREATE TABLE Orders (order_id INT, users STRING, amount INT) WITH ('connector' = 'filesystem', 'path' = '../data/orders_users.csv', 'format' = 'csv');

SELECT COUNT(*) FROM Orders;
