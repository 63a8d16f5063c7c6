-- CREATE TABLE ... LIKE: physical columns always; by default INCLUDING ALL OVERWRITING OPTIONS.
CREATE TABLE Archive (
  archivedAt TIMESTAMP(3),
  WATERMARK FOR archivedAt AS archivedAt
) WITH ('connector' = 'filesystem', 'path' = '/archive')
LIKE ShipEvent (EXCLUDING WATERMARKS EXCLUDING OPTIONS);

SHOW CREATE TABLE Archive;

CREATE TABLE RouteCopy WITH ('topic' = 'route-copy') LIKE ShipRoute;

SHOW CREATE TABLE RouteCopy;

CREATE TABLE Report WITH ('connector' = 'print') LIKE ShipRoute (EXCLUDING ALL);

SHOW CREATE TABLE Report;
