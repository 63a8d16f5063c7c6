-- Flink docs: docs/content/docs/sql/reference/ddl/alter.md, ALTER CATALOG catalog_name SET (key1=val1, ...) | RESET
-- (key1, ...) | COMMENT 'comment', and ALTER DATABASE [catalog_name.]db_name SET (key1=val1, ...). The page shows no
-- output: the catalog is checked with DESCRIBE CATALOG EXTENDED and SHOW CREATE CATALOG (results derived by hand from
-- the statements), the database's new default with USE CATALOG.
-- compare: text
CREATE CATALOG cat2 WITH ('type' = 'generic_in_memory');
ALTER CATALOG cat2 SET ('default-database' = 'db');
ALTER CATALOG cat2 COMMENT 'the second catalog';
DESCRIBE CATALOG EXTENDED cat2;
CREATE DATABASE cat2.db2 COMMENT 'db2_comment' WITH ('k1' = 'v1');
ALTER DATABASE cat2.db2 SET ('k1' = 'a', 'k2' = 'b');
USE CATALOG cat2;
SHOW CURRENT DATABASE;
ALTER CATALOG cat2 RESET ('default-database');
SHOW CREATE CATALOG cat2;
