-- q20 with the auction side as EXISTS: the bids of auctions in category 10 (a semi join; every bid is kept in state).
CREATE TABLE semi_sink (
    auction BIGINT,
    bidder BIGINT,
    price BIGINT,
    channel VARCHAR,
    url VARCHAR,
    bid_dateTime TIMESTAMP(3),
    bid_extra VARCHAR
) WITH ('connector' = 'blackhole');

INSERT INTO semi_sink
SELECT B.auction, B.bidder, B.price, B.channel, B.url, B.`dateTime`, B.extra
FROM bid AS B
WHERE EXISTS (SELECT * FROM auction AS A WHERE A.id = B.auction AND A.category = 10);
