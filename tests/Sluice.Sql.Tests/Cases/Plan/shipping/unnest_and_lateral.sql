CREATE TABLE Parcels (
  id BIGINT,
  items ARRAY<STRING>,
  dims ARRAY<ROW<name STRING, cm INT>>,
  labels MAP<STRING, STRING>,
  note STRING
) WITH ('connector' = 'datagen');

SELECT p.id, t.item, t.pos
FROM Parcels AS p
CROSS JOIN UNNEST(p.items) WITH ORDINALITY AS t (item, pos);

SELECT id, name, cm FROM Parcels, UNNEST(dims);

SELECT id, k, v FROM Parcels LEFT JOIN UNNEST(labels) AS l (k, v) ON TRUE;

SELECT id, word FROM Parcels, LATERAL TABLE(SPLIT_WORDS(note)) AS T(word);
