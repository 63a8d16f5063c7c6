-- fail: line 3, column 41: The time column 'updatedAt' of TUMBLE must be a time attribute
CREATE TABLE Plain (updatedAt TIMESTAMP(3)) WITH ('connector' = 'datagen');
SELECT * FROM TABLE(TUMBLE(TABLE Plain, DESCRIPTOR(updatedAt), INTERVAL '1' MINUTE));
