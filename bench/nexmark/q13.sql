-- q13: bounded side input join. Each bid with the value of its auction modulo 10 000 in a 10 000-row side table
-- (${SIDE_INPUT}, written by the benchmark runner: lines "i,i" for i = 0..9999). As in Flink, a processing-time lookup
-- join: the filesystem table is read into memory once and looked up, so the join keeps no state.
CREATE TABLE side_input (
    key BIGINT,
    `value` VARCHAR
) WITH (
    'connector' = 'filesystem',
    'path' = '${SIDE_INPUT}',
    'format' = 'csv'
);

CREATE TABLE nexmark_q13 (
    auction BIGINT,
    bidder BIGINT,
    price BIGINT,
    `dateTime` TIMESTAMP(3),
    `value` VARCHAR
) WITH ('connector' = 'blackhole');

INSERT INTO nexmark_q13
SELECT B.auction, B.bidder, B.price, B.`dateTime`, S.`value`
FROM (SELECT *, PROCTIME() AS p_time FROM bid) AS B
JOIN side_input FOR SYSTEM_TIME AS OF B.p_time AS S
ON MOD(B.auction, 10000) = S.key;
