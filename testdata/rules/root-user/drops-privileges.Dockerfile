FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends gosu && rm -rf /var/lib/apt/lists/*
COPY docker-entrypoint.sh /usr/local/bin/
# The entrypoint script drops to the service user with gosu.
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["server"]
