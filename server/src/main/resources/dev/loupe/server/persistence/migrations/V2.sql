-- V2: HTTP sources. The token is kept as is: it is the receiver URL, which Sumo (and Loupe) show on request.
-- fields holds the default custom fields as X-Sumo-Fields text ("k=v,k2=v2").
CREATE TABLE http_sources (
    id VARCHAR(16) PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    category VARCHAR(1024) NOT NULL,
    token VARCHAR(64) NOT NULL,
    host VARCHAR(1024),
    fields VARCHAR(4096),
    time_zone VARCHAR(64),
    timestamp_format VARCHAR(200),
    created_millis BIGINT NOT NULL,
    CONSTRAINT http_sources_token_unique UNIQUE (token)
);
