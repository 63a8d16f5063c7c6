-- Flink docs: docs/content/docs/sql/reference/utility/describe.md, the SQL CLI example: CREATE CATALOG cat2 WITH
-- ('type'='generic_in_memory', 'default-database'='db'), then DESCRIBE CATALOG cat2 and DESC CATALOG EXTENDED cat2.
-- compare: text
CREATE CATALOG cat2 WITH ('type'='generic_in_memory', 'default-database'='db');
DESCRIBE CATALOG cat2;
DESC CATALOG EXTENDED cat2;
