CREATE TABLE fs_table (user_id STRING, amount DOUBLE, dt STRING, `hour` STRING) PARTITIONED BY (dt, `hour`) WITH ('connector' = 'filesystem', 'path' = '/tmp/fs', 'format' = 'csv');
INSERT INTO fs_table PARTITION (dt = '2024-01-01') SELECT user_id, amount, `hour` FROM src;
INSERT OVERWRITE fs_table PARTITION (dt = '2024-01-01', `hour` = '10') SELECT user_id, amount FROM src;
SHOW PARTITIONS fs_table;
SHOW PARTITIONS fs_table PARTITION (dt = '2024-01-01');
