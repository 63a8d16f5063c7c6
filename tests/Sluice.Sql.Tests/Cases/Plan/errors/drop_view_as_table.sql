-- fail: line 3, column 12: 'V' is a view; drop it with DROP VIEW
CREATE VIEW V AS SELECT 1 AS one;
DROP TABLE V;
