-- Flink docs: docs/content/docs/sql/reference/utility/show.md, SHOW CREATE CATALOG cat2 of a catalog created WITH
-- ('type'='generic_in_memory', 'default-database'='db').
-- compare: text
-- The page prints the row through the Java API's box with "CREATE CATALOG `cat2` WITH (" on one line; the SQL client
-- prints the statement itself, and Flink 2's ShowCreateUtil puts WITH on its own line (options sorted by key).
CREATE CATALOG cat2 WITH ('type'='generic_in_memory', 'default-database'='db');
SHOW CREATE CATALOG cat2;
