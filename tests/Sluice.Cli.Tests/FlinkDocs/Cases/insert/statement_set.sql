-- Flink docs: docs/content/docs/sql/reference/dml/insert.md, "Insert into multiple tables": EXECUTE STATEMENT SET with two
-- INSERTs, here into the same csv folder (each INSERT's rows arrive, none overwrites the other), read back afterwards.
-- The rows are made up.
CREATE TABLE src (id INT, name STRING, age INT) WITH ('connector' = 'filesystem', 'path' = '${cases}/data/t2.csv', 'format' = 'csv');
CREATE TABLE sink (id INT, name STRING) WITH ('connector' = 'filesystem', 'path' = '${tmp}/sink', 'format' = 'csv');

EXECUTE STATEMENT SET
BEGIN
INSERT INTO sink SELECT id, name FROM src WHERE id > 1;
INSERT INTO sink SELECT id * 10, UPPER(name) FROM src;
END;

SELECT * FROM sink;
