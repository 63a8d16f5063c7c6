-- LEFT JOIN UNNEST ... ON TRUE keeps a parcel whose array is NULL (2), with a NULL item.
CREATE TABLE Parcels (
  id BIGINT,
  items ARRAY<STRING>
) WITH ('connector' = 'filesystem', 'path' = 'data/parcels.csv', 'format' = 'csv',
        'csv.allow-comments' = 'true', 'csv.null-literal' = 'NULL');

SELECT p.id, t.item
FROM Parcels AS p
LEFT JOIN UNNEST(p.items) AS t (item) ON TRUE
WHERE p.id <= 2;
