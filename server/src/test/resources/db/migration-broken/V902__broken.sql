-- A typo: the whole file must roll back and start-up must stop.
CREATE TABLE half_done (id INT NOT NULL PRIMARY KEY);
CREATE TABLEE broken (id INT);
