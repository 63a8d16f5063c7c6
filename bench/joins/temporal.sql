-- q20 as an event-time temporal join: each bid with the version of its auction valid at the bid's time (the
-- auction view is insert-only, one version per auction id); bids wait in state until the watermark passes them.
CREATE TABLE temporal_sink (
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

INSERT INTO temporal_sink
SELECT B.auction, B.bidder, B.price, B.`dateTime`, B.extra, A.itemName, A.`dateTime`, A.category, A.extra
FROM bid AS B JOIN auction FOR SYSTEM_TIME AS OF B.`dateTime` AS A
  ON B.auction = A.id;
