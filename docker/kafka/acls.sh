#!/bin/sh
# The kafka-acls service's command in docker-compose.yml: as admin, allows each service's Kafka user
# what microkit's Kafka transport does for it, the same ACLs as its KafkaUser in
# k8s/base/kafka-users.yaml (see the comment there). Adding an ACL that exists changes nothing.
set -eu
acl() {
  /opt/kafka/bin/kafka-acls.sh --bootstrap-server kafka:9092 --command-config /etc/kafka/microkit/admin.properties --add "$@" > /dev/null
}

# order-service: its group; handles inventory.* events; publishes order.* events and the quote
# requests; its reply topics and their groups
acl --allow-principal User:order-service --group order-service --operation Read --operation Describe
acl --allow-principal User:order-service --topic inventory --operation Read --operation Describe
acl --allow-principal User:order-service --topic inventory-dlt --operation Write --operation Describe
acl --allow-principal User:order-service --topic orders --operation Write --operation Describe
acl --allow-principal User:order-service --resource-pattern-type prefixed --topic order-service.replies. --operation Create --operation Describe --operation Read --operation Delete
acl --allow-principal User:order-service --resource-pattern-type prefixed --group order-service.replies. --operation Read --operation Describe
acl --allow-principal User:order-service --cluster --operation IdempotentWrite --operation Describe

# inventory-service: its group; handles order.* events, the quote requests among them; publishes
# inventory.* events; answers the quote requests on the order service's reply topics
acl --allow-principal User:inventory-service --group inventory-service --operation Read --operation Describe
acl --allow-principal User:inventory-service --topic orders --operation Read --operation Describe
acl --allow-principal User:inventory-service --topic orders-dlt --operation Write --operation Describe
acl --allow-principal User:inventory-service --topic inventory --operation Write --operation Describe
acl --allow-principal User:inventory-service --resource-pattern-type prefixed --topic order-service.replies. --operation Write --operation Describe
acl --allow-principal User:inventory-service --cluster --operation IdempotentWrite --operation Describe
