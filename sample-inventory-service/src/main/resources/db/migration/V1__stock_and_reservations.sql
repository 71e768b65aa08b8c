create table stock (
    sku       varchar(64) primary key,
    available integer     not null check (available >= 0),
    reserved  integer     not null default 0 check (reserved >= 0)
);

create table reservation (
    order_id   varchar(64)              primary key,
    sku        varchar(64)              not null,
    quantity   integer                  not null,
    status     varchar(16)              not null,
    reason     varchar(200),
    created_at timestamp with time zone not null
);
