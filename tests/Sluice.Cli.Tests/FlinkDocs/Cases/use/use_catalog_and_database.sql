-- Flink docs: docs/content/docs/sql/reference/utility/use.md, the SQL CLI example: create a catalog, list the catalogs,
-- use it, create a database, list the databases, use it. The page elides the catalog's options (`WITH (...)`); a
-- 'generic_in_memory' catalog, Flink's in-memory catalog, has one database to begin with, named `default`.
-- compare: text
CREATE CATALOG cat1 WITH ('type' = 'generic_in_memory');
SHOW CATALOGS;
USE CATALOG cat1;
SHOW DATABASES;
CREATE DATABASE db1 WITH ('owner' = 'docs');
SHOW DATABASES;
USE db1;
SHOW CURRENT CATALOG;
SHOW CURRENT DATABASE;
