-- Node ids. Every running server leases one (0 to 1023) and puts it in each message id it mints, so two
-- servers on one database (a rolling update, a cluster) never mint the same id. A node takes a row that is
-- free (expires_at in the past, by the database's clock), renews it while it runs and frees it when it stops.
--
-- id_ceiling is the node id's high-water mark, in milliseconds since the message id epoch (2025-01-01 UTC):
-- no id ever minted with this node id has a later time part. A node raises it (with each renewal) before
-- it mints up to it, and whoever takes the node id next starts above it, so a clock that stepped back, or
-- a process that crashed holding the lease, can never make a node id mint the same id twice.
-- version changes with every write, so that two nodes racing for one free row cannot both win.
CREATE TABLE node_lease (
    node_id    INTEGER       NOT NULL,
    holder     VARCHAR(200)  NOT NULL,  -- host, process id and a random tag of the holder (or the last one)
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    id_ceiling BIGINT        NOT NULL,
    version    BIGINT        NOT NULL,
    CONSTRAINT node_lease_pk PRIMARY KEY (node_id),
    CONSTRAINT node_lease_node_id_ck CHECK (node_id BETWEEN 0 AND 1023)
);
