-- TIMESTAMP(9) values in the result itself (not cast to text) keep every digit: the same readings as
-- timestamp_nanos_key, grouped by their time.
CREATE TABLE Readings (
  id BIGINT,
  ts TIMESTAMP(9)
) WITH ('connector' = 'filesystem', 'path' = 'data/nanos.csv', 'format' = 'csv',
        'csv.allow-comments' = 'true', 'csv.null-literal' = 'NULL');

SELECT ts, COUNT(*) AS n FROM Readings GROUP BY ts;
