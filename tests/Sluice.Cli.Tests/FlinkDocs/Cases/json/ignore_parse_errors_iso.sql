-- Flink docs: docs/content/docs/connectors/table/formats/json.md, json.ignore-parse-errors ("Skip fields and rows with
-- parse errors instead of failing"), json.fail-on-missing-field false (the default: a missing field is null) and
-- json.timestamp-format.standard 'ISO-8601' (timestamps as "yyyy-MM-ddTHH:mm:ss.s{precision}"). A string where an INT
-- is expected, and a line that is not JSON, skip their rows. Rows made up.
CREATE TABLE t (id INT, name STRING, ts TIMESTAMP(3)) WITH (
  'connector' = 'filesystem',
  'path' = '../data/json_mixed.json',
  'format' = 'json',
  'json.ignore-parse-errors' = 'true',
  'json.timestamp-format.standard' = 'ISO-8601'
);

SELECT * FROM t;
