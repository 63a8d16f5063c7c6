-- q13: bounded side input join. Each bid with the value of its auction modulo 10 000 in a 10 000-row side table.
-- Flink uses a processing-time lookup join (FOR SYSTEM_TIME AS OF B.p_time, with p_time AS PROCTIME()); the filesystem
-- connector cannot be looked up, so this is a regular join with the bounded filesystem table the benchmark runner
-- writes (${SIDE_INPUT}: lines "i,i" for i = 0..9999).
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
FROM bid AS B
JOIN side_input AS S ON MOD(B.auction, 10000) = S.key;
