-- Flink docs: docs/content/docs/sql/reference/utility/show.md, SHOW MODULES and SHOW FULL MODULES (the SQL CLI tab).
-- compare: text
-- The page shows the used column as true; Flink 2 prints a BOOLEAN result column as TRUE/FALSE.
SHOW MODULES;
SHOW FULL MODULES;
