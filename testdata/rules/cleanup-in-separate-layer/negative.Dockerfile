FROM debian:bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc
# a builder stage is not shipped: its layers cost nothing in the final image
RUN rm -rf /var/lib/apt/lists/*

FROM debian:bookworm-slim
# cleanup right after FROM: the files come from the base image, nothing here wrote them
RUN rm -rf /var/lib/apt/lists/*
RUN apt-get update \
 && apt-get -qq --no-install-recommends install curl \
 && apt-get clean \
 && rm -rf /var/lib/apt/lists/*
# the cache mount holds the cache: cleaning it touches no layer
RUN --mount=type=cache,target=/var/cache/apt apt-get clean
# removing a base image's default file is configuration, not cleanup
RUN rm /etc/nginx/conf.d/default.conf
# cleanup next to real work
RUN DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*
RUN <<EOF
apt-get update
apt-get install -y --no-install-recommends jq
rm -rf /var/lib/apt/lists/*
EOF
RUN echo done
