-- The order of a congress's programme (issue 15 §8): an item keeps its
-- number, by which votes by show of hands name it, and takes a place in
-- its session that the office may change. Existing items keep their order.
ALTER TABLE agenda_item ADD COLUMN position BIGINT NOT NULL DEFAULT 0;
UPDATE agenda_item SET position = number;
