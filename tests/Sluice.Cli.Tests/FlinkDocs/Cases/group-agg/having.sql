-- Flink docs: docs/content/docs/dev/table/sql/queries/group-agg.md, HAVING SUM(amount) > 50: alice (70) and carol (60)
-- pass, bob (30) does not.
-- The page shows no data; these rows are made up: orders 1 (alice, 30), 2 (bob, 20), 3 (alice, 40), 2 again (bob, 10), 4
-- (carol, 60).
-- compare: final
CREATE TABLE Orders (order_id INT, users STRING, amount INT) WITH ('connector' = 'filesystem', 'path' = '../data/orders_users.csv', 'format' = 'csv');

SELECT SUM(amount)
FROM Orders
GROUP BY users
HAVING SUM(amount) > 50;
