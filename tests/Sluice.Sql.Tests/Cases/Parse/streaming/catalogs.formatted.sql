CREATE CATALOG cat2 COMMENT 'second' WITH ('type' = 'generic_in_memory', 'default-database' = 'db');
ALTER CATALOG cat2 SET ('default-database' = 'sales');
ALTER CATALOG cat2 RESET ('default-database');
ALTER CATALOG cat2 COMMENT 'renamed';
CREATE DATABASE cat2.db2 COMMENT 'db2_comment' WITH ('k1' = 'v1');
ALTER DATABASE cat2.db2 SET ('k1' = 'a', 'k2' = 'b');
SHOW CREATE CATALOG cat2;
DESCRIBE CATALOG cat2;
DESCRIBE CATALOG EXTENDED cat2;
