-- Flink docs: docs/content/docs/sql/reference/utility/show.md, SHOW TABLES EXAMPLES: "the current database in session
-- has the following tables: items, orders"; show tables, and the LIKE / NOT LIKE filters of the page's patterns.
-- compare: text
CREATE TABLE items (id INT) WITH ('connector' = 'datagen');
CREATE TABLE orders (id INT) WITH ('connector' = 'datagen');
CREATE VIEW my_view AS SELECT * FROM orders;

show tables;
show tables like '%s';
show tables not like '%_s';
show views;
-- No table matches: Flink's tableau printing of a result without rows says "Empty set".
show tables like 'x%';
