-- fail: line 2, column 22: There already exists an option ['topic' -> 'ship-events'] in the base table; you might want to specify EXCLUDING OPTIONS or OVERWRITING OPTIONS
CREATE TABLE C WITH ('topic' = 'c') LIKE ShipEvent (INCLUDING OPTIONS);
