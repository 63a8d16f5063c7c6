-- GROUP BY a TIMESTAMP(9) key: readings one nanosecond apart are different keys (.000000001 has rows 1, 3 and 8;
-- .000000002 rows 2 and 7; .123456789 rows 4 and 6; the one before 1970 row 5 alone); the keys, stored as nanoseconds
-- in keyed state, survive a checkpoint and a restore.
CREATE TABLE Readings (
  id BIGINT,
  ts TIMESTAMP(9)
) WITH ('connector' = 'filesystem', 'path' = 'data/nanos.csv', 'format' = 'csv',
        'csv.allow-comments' = 'true', 'csv.null-literal' = 'NULL');

SELECT CAST(ts AS STRING) AS t, COUNT(*) AS n, MIN(id) AS first_id FROM Readings GROUP BY ts;
