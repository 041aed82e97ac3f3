FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists
RUN apt-get update && apt-get install -y --no-install-recommends jq && find /var/lib/apt/lists -type f -delete
RUN apt-get update && apt-get install -y --no-install-recommends make && apt-get distclean
# the lists stay on a cache mount, never in the layer
RUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y --no-install-recommends gcc
RUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update && apt-get install -y --no-install-recommends g++
# no update in this RUN: the lists come from an earlier layer (apt-update-alone reports that one)
RUN apt-get install -y --no-install-recommends ./local.deb
# update without install: apt-update-alone
RUN apt-get update && echo fetched
RUN <<EOF
apt-get update
apt-get install -y --no-install-recommends ca-certificates
rm -rf /var/lib/apt/lists/*
EOF
# a python heredoc is not shell
RUN python3 <<EOF
print("apt-get update && apt-get install -y curl")
EOF
