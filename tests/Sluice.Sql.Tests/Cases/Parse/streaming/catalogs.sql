create catalog cat2 comment 'second' with ('type' = 'generic_in_memory', 'default-database' = 'db');
ALTER CATALOG cat2 SET ('default-database' = 'sales');
alter catalog cat2 reset ('default-database');
ALTER CATALOG cat2 COMMENT 'renamed';
CREATE DATABASE cat2.db2 COMMENT 'db2_comment' WITH ('k1' = 'v1');
alter database cat2.db2 set ('k1' = 'a', 'k2' = 'b');
SHOW CREATE CATALOG cat2;
describe catalog cat2;
DESC CATALOG EXTENDED cat2;
