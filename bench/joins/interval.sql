-- q20 as an interval join: bids within 10 s after their auction's creation, both sides by their row times.
CREATE TABLE interval_sink (
    auction BIGINT,
    bidder BIGINT,
    price BIGINT,
    bid_dateTime TIMESTAMP(3),
    bid_extra VARCHAR,
    itemName VARCHAR,
    auction_dateTime TIMESTAMP(3),
    category BIGINT,
    auction_extra VARCHAR
) WITH ('connector' = 'blackhole');

INSERT INTO interval_sink
SELECT B.auction, B.bidder, B.price, B.`dateTime`, B.extra, A.itemName, A.`dateTime`, A.category, A.extra
FROM bid AS B JOIN auction AS A
  ON B.auction = A.id AND B.`dateTime` BETWEEN A.`dateTime` AND A.`dateTime` + INTERVAL '10' SECOND;
