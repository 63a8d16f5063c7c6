-- Both sides keep nested values in join state: the parcels' item arrays (NULL for parcel 2, a NULL element in
-- parcel 4) and the orders' ROW and MAP columns, computed before the join. Orders 1..5 match parcels 1..5.
CREATE TABLE Parcels (
  id BIGINT,
  items ARRAY<STRING>
) WITH ('connector' = 'filesystem', 'path' = 'data/parcels.csv', 'format' = 'csv',
        'csv.allow-comments' = 'true', 'csv.null-literal' = 'NULL');
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

SELECT p.id, p.items, o.who, o.priced
FROM Parcels AS p
JOIN (SELECT id, ROW(customer, quantity) AS who, MAP[product, price] AS priced FROM Orders) AS o
ON p.id = o.id;
