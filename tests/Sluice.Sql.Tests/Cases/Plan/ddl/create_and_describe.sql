-- Physical, metadata and computed columns; PROCTIME(); the watermark; DESCRIBE and SHOW CREATE TABLE.
CREATE TABLE Pings (
  id BIGINT COMMENT 'device id',
  payload STRING,
  eventTime AS TO_TIMESTAMP(JSON_VALUE(payload, '$.ts')),
  ingestedAt TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
  `partition` INT METADATA VIRTUAL,
  headers MAP<STRING, BYTES> METADATA,
  day AS CAST(TO_TIMESTAMP(JSON_VALUE(payload, '$.ts')) AS DATE),
  pt AS PROCTIME(),
  WATERMARK FOR eventTime AS eventTime - INTERVAL '10' SECOND,
  CONSTRAINT pk PRIMARY KEY (id) NOT ENFORCED
) COMMENT 'device pings'
PARTITIONED BY (id)
WITH ('connector' = 'kafka', 'topic' = 'pings', 'format' = 'json');

DESCRIBE Pings;

SHOW CREATE TABLE Pings;

SHOW COLUMNS FROM Pings LIKE '%e%';

-- A query sees every column; only physical and non-virtual metadata columns are written.
SELECT * FROM Pings;

CREATE TABLE PingsCopy (id BIGINT, payload STRING, headers MAP<STRING, BYTES>) WITH ('connector' = 'print');

INSERT INTO Pings SELECT id, payload, headers FROM PingsCopy;
