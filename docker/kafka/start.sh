#!/bin/sh
# The kafka service's entrypoint in docker-compose.yml, in place of the apache/kafka image's own, which
# formats the storage itself with no way to add SCRAM credentials. Formats the kafka-data volume on the
# first start, with the SCRAM-SHA-512 users admin and one per service, their passwords from the kafka
# service's environment; then starts the broker. A volume already formatted keeps its users and
# passwords: to change them, remove it (docker compose down -v).
set -eu
config=/etc/kafka/microkit/server.properties
/opt/kafka/bin/kafka-storage.sh format --ignore-formatted --cluster-id tO_O2u8GSL63Z85C-6GFrA --config "$config" \
  --add-scram "SCRAM-SHA-512=[name=admin,password=$SCRAM_ADMIN_PASSWORD]" \
  --add-scram "SCRAM-SHA-512=[name=order-service,password=$SCRAM_ORDER_SERVICE_PASSWORD]" \
  --add-scram "SCRAM-SHA-512=[name=inventory-service,password=$SCRAM_INVENTORY_SERVICE_PASSWORD]"
exec /opt/kafka/bin/kafka-server-start.sh "$config"
