# The official images' style: each RUN installs, uses and cleans up after
# itself. A RUN of more than two commands is a deliberate step of its own,
# and ends the run of RUNs before and after it.
FROM debian:bookworm-slim
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates; \
    rm -rf /var/lib/apt/lists/*
RUN set -eux; \
    groupadd -r app; \
    useradd -r -g app app
# Small RUNs in a row are still worth merging.
RUN mkdir -p /data && chown app:app /data
# want "consecutive-run"
RUN ln -s /data /srv/data
RUN touch /data/.keep
