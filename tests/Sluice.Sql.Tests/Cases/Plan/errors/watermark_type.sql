-- fail: line 2, column 44: Invalid type of the rowtime column 'ts': it must be TIMESTAMP(p) or TIMESTAMP_LTZ(p) with p from 0 to 3, not BIGINT
CREATE TABLE Bad (ts BIGINT, WATERMARK FOR ts AS ts) WITH ('connector' = 'datagen');
