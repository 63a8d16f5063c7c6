-- One row per array element with its 1-based position; the NULL array (2) yields no row, a NULL element (4) a NULL
-- item, and the duplicate cup (5) two rows.
CREATE TABLE Parcels (
  id BIGINT,
  items ARRAY<STRING>
) WITH ('connector' = 'filesystem', 'path' = 'data/parcels.csv', 'format' = 'csv',
        'csv.allow-comments' = 'true', 'csv.null-literal' = 'NULL');

SELECT p.id, t.item, t.pos
FROM Parcels AS p
CROSS JOIN UNNEST(p.items) WITH ORDINALITY AS t (item, pos);
