-- fail: line 2, column 41: Computed column 'b' cannot reference computed column 'a'
CREATE TABLE C (x INT, a AS x + 1, b AS a * 2) WITH ('connector' = 'datagen');
