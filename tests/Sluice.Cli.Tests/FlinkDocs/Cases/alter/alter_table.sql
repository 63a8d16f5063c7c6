-- Flink docs: docs/content/docs/sql/reference/ddl/alter.md, the SQL CLI session of "Run an ALTER statement": ADD,
-- MODIFY, DROP WATERMARK, DROP columns, RENAME a column and the table, each followed by DESCRIBE or SHOW TABLES (the
-- ALTER CATALOG part is left out). The page's WITH (...) is a datagen table here.
-- compare: text
CREATE TABLE Orders (`user` BIGINT, product STRING, amount INT) WITH ('connector' = 'datagen');

ALTER TABLE Orders ADD `order` INT COMMENT 'order identifier' FIRST;
DESCRIBE Orders;

ALTER TABLE Orders ADD (ts TIMESTAMP(3), category STRING AFTER product, PRIMARY KEY(`order`) NOT ENFORCED, WATERMARK FOR ts AS ts - INTERVAL '1' HOUR);
DESCRIBE Orders;

ALTER TABLE Orders MODIFY (amount DOUBLE NOT NULL, category STRING COMMENT 'category identifier' AFTER `order`, WATERMARK FOR ts AS ts);
DESCRIBE Orders;

ALTER TABLE Orders DROP WATERMARK;
DESCRIBE Orders;

ALTER TABLE Orders DROP (amount, ts, category);
DESCRIBE Orders;

ALTER TABLE Orders RENAME `order` to `order_id`;
DESCRIBE Orders;

SHOW TABLES;

ALTER TABLE Orders RENAME TO NewOrders;
SHOW TABLES;
