-- Flink docs: docs/content/docs/sql/reference/utility/describe.md, DESCRIBE Orders (the SQL CLI tab).
-- compare: text
CREATE TABLE Orders (
 `user` BIGINT NOT NULl comment 'this is primary key',
 product VARCHAR(32),
 amount INT,
 ts TIMESTAMP(3) comment 'notice: watermark',
 ptime AS PROCTIME() comment 'this is a computed column',
 PRIMARY KEY(`user`) NOT ENFORCED,
 WATERMARK FOR ts AS ts - INTERVAL '1' SECONDS
) with (
 'connector' = 'datagen'
);

DESCRIBE Orders;

DESC Orders;
