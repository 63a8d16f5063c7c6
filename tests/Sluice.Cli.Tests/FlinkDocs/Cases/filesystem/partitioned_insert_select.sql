-- Flink docs: docs/content/docs/connectors/table/filesystem.md, Full Example (a fs_table PARTITIONED BY (dt, `hour`) written
-- with DATE_FORMAT(log_ts, 'yyyy-MM-dd') and DATE_FORMAT(log_ts, 'HH'), then "SELECT * FROM fs_table WHERE dt='2020-05-20'
-- and `hour`='12'"): csv instead of parquet, the page's kafka_table replaced by made-up VALUES, run in batch mode with
-- table.dml-sync. The last query reads the folder dt=2020-05-20/hour=12 as a table without partitions: the folders are
-- Hive-style and the files hold only the other columns.
SET 'table.dml-sync' = 'true';
SET 'execution.runtime-mode' = 'batch';

CREATE TABLE fs_table (
  user_id STRING,
  order_amount DOUBLE,
  dt STRING,
  `hour` STRING
) PARTITIONED BY (dt, `hour`) WITH (
  'connector' = 'filesystem',
  'path' = '${tmp}/fs_table',
  'format' = 'csv',
  'sink.partition-commit.delay' = '1 h',
  'sink.partition-commit.policy.kind' = 'success-file'
);

INSERT INTO fs_table
SELECT user_id, order_amount, DATE_FORMAT(log_ts, 'yyyy-MM-dd'), DATE_FORMAT(log_ts, 'HH')
FROM (VALUES
  ('u1', 10.5, TIMESTAMP '2020-05-20 12:05:00'),
  ('u2', 20.0, TIMESTAMP '2020-05-20 12:40:00'),
  ('u3', 30.0, TIMESTAMP '2020-05-20 13:10:00'),
  ('u4', 40.0, TIMESTAMP '2020-05-21 12:00:00')) AS kafka_table(user_id, order_amount, log_ts);

SELECT * FROM fs_table WHERE dt = '2020-05-20' AND `hour` = '12';

CREATE TABLE one_partition (user_id STRING, order_amount DOUBLE) WITH (
  'connector' = 'filesystem',
  'path' = '${tmp}/fs_table/dt=2020-05-20/hour=12',
  'format' = 'csv'
);

SELECT user_id, order_amount, 'dt=2020-05-20/hour=12' AS folder FROM one_partition;
