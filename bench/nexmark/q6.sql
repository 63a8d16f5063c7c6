-- q6: average selling price per seller: the average closing price over each seller's current and 10 preceding auctions.
-- Flink's suite cannot run this query (its OVER aggregation does not accept the updates of the Top-1 below).
-- Flink's text declares `seller` VARCHAR in the sink and names its derived table's columns out of scope; here the
-- Top-1 is written as a nested query and the sink has the types the query produces.
CREATE TABLE nexmark_q6 (
    seller BIGINT,
    avg_price BIGINT
) WITH ('connector' = 'blackhole');

INSERT INTO nexmark_q6
SELECT Q.seller,
       AVG(Q.price) OVER (PARTITION BY Q.seller ORDER BY Q.`dateTime` ROWS BETWEEN 10 PRECEDING AND CURRENT ROW)
FROM (
    SELECT id, seller, price, `dateTime`
    FROM (
        SELECT A.id, A.seller, B.price, B.`dateTime`,
               ROW_NUMBER() OVER (PARTITION BY A.id, A.seller ORDER BY B.price DESC) AS rownum
        FROM auction AS A, bid AS B
        WHERE A.id = B.auction AND B.`dateTime` BETWEEN A.`dateTime` AND A.expires
    )
    WHERE rownum <= 1
) AS Q;
