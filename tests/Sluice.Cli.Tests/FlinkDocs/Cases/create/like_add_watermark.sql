-- Flink docs: docs/content/docs/sql/reference/ddl/create.md, LIKE: Orders_with_watermark adds a watermark and overwrites
-- 'scan.startup.mode'; the page gives the equivalent CREATE TABLE, shown here as Flink 2's SHOW CREATE TABLE prints it
-- (STRING as VARCHAR(2147483647), options sorted).
-- compare: text
CREATE TABLE Orders (
    `user` BIGINT,
    product STRING,
    order_time TIMESTAMP(3)
) WITH (
    'connector' = 'kafka',
    'scan.startup.mode' = 'earliest-offset'
);

CREATE TABLE Orders_with_watermark (
    -- Add watermark definition
    WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
) WITH (
    -- Overwrite the startup-mode
    'scan.startup.mode' = 'latest-offset'
)
LIKE Orders;

SHOW CREATE TABLE Orders_with_watermark;
