-- q13: bounded side input join. Each bid with the value of its auction modulo 10 000 in a 10 000-row side table.
-- Flink uses a processing-time lookup join (FOR SYSTEM_TIME AS OF); this is a regular join with the bounded
-- filesystem table the benchmark runner writes (${SIDE_INPUT}: lines "i,i" for i = 0..9999). The join key is
-- computed (as BIGINT, the type of key) in a subquery because Sluice's join needs plain column equalities.
CREATE TABLE side_input (
    key BIGINT,
    `value` STRING
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
    `value` STRING
) WITH ('connector' = 'blackhole');

INSERT INTO nexmark_q13
SELECT B.auction, B.bidder, B.price, B.`dateTime`, S.`value`
FROM (SELECT auction, bidder, price, `dateTime`, CAST(MOD(auction, 10000) AS BIGINT) AS side_key FROM bid) B
JOIN side_input S ON B.side_key = S.key;
