-- fail: line 3, column 1: unexpected 'INSERT' — expected LIKE, AS, ';', end of input (is a ';' missing before this statement?)
CREATE TABLE t (a INT) WITH ('connector' = 'datagen')
INSERT INTO t SELECT 1;
