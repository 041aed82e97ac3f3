FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        build-essential \
        libpq-dev \
    && make -C /src install \
    # the build leaves its sources and the package lists behind
    && { rm -rf /src /var/lib/apt/lists/* ; apt-get clean; }
USER app
