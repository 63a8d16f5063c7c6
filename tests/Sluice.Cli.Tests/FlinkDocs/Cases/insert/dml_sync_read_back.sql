-- Flink docs: docs/content/docs/sql/reference/dml/insert.md, INSERT INTO ... VALUES (the page's students example: "INSERT
-- INTO students VALUES ('fred flintstone', 35, 1.28), ('barney rubble', 32, 2.32)"), into a csv folder that a later
-- query reads: the insert runs first, as with the SQL client's table.dml-sync.
CREATE TABLE students (name STRING, age INT, gpa DECIMAL(3, 2)) WITH ('connector' = 'filesystem', 'path' = '${tmp}/students', 'format' = 'csv');

INSERT INTO students
  VALUES ('fred flintstone', 35, 1.28), ('barney rubble', 32, 2.32);

SELECT * FROM students;
