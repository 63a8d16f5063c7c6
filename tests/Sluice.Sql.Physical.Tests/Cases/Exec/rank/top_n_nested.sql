-- The highest parcel id per item count, with its item array kept in the Top-N's state: count 2 has parcels 1 and 4
-- (4 wins), counts 1 and 3 one parcel each, and parcel 2's NULL array has a NULL count.
CREATE TABLE Parcels (
  id BIGINT,
  items ARRAY<STRING>
) WITH ('connector' = 'filesystem', 'path' = 'data/parcels.csv', 'format' = 'csv',
        'csv.allow-comments' = 'true', 'csv.null-literal' = 'NULL');

SELECT n, id, items
FROM (
  SELECT CARDINALITY(items) AS n, id, items,
         ROW_NUMBER() OVER (PARTITION BY CARDINALITY(items) ORDER BY id DESC) AS rn
  FROM Parcels)
WHERE rn = 1;
