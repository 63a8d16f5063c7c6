CREATE TABLE IF NOT EXISTS ShipRoute (
  routeId BIGINT NOT NULL,
  trackingNumber BIGINT,
  endStopId INT,
  PRIMARY KEY (routeId) NOT ENFORCED
) COMMENT 'routes per package' WITH ('connector' = 'postgres', 'table-name' = 'routes');
