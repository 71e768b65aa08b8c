create table orders (
    id           varchar(36)              primary key,
    sku          varchar(64)              not null,
    quantity     integer                  not null,
    mode         varchar(8)               not null,
    status       varchar(16)              not null,
    reason       varchar(300),
    created_at   timestamp with time zone not null,
    completed_at timestamp with time zone
);
