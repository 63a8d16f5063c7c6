-- fail: line 3, column 15: ALTER TABLE ... COMPACT is not supported yet
CREATE TABLE t (a INT) WITH ('connector' = 'datagen');
ALTER TABLE t COMPACT;
