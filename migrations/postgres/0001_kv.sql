-- kefu's store on PostgreSQL: every tree of the embedded (sled) store is a range of rows
-- of one ordered key-value table. bytea compares bytewise, as sled does, so the btree of
-- the primary key serves every range and prefix scan (time, session and user indexes).
CREATE TABLE kv (
    tree  text COLLATE "C" NOT NULL,
    key   bytea NOT NULL,
    value bytea NOT NULL,
    PRIMARY KEY (tree, key)
);

-- Store::next_id: event sequence numbers and ids, strictly increasing across replicas.
CREATE SEQUENCE kefu_ids AS bigint MINVALUE 0 START 0;

-- Numbers about the database as a whole: the key layout version (the same number as a
-- sled directory's SCHEMA file) and the knowledge version (bumped by admin edits).
CREATE TABLE meta (
    name  text COLLATE "C" PRIMARY KEY,
    value bigint NOT NULL
);
