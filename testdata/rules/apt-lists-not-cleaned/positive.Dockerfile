FROM debian:bookworm-slim
# want "apt-lists-not-cleaned"
RUN apt-get update && apt-get install -y --no-install-recommends curl
# the removal comes before the install: the lists are fetched again? no, they stay
# want "apt-lists-not-cleaned"
RUN apt-get update \
 && rm -rf /var/lib/apt/lists/* \
 && DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends git
# an upgrade reads the lists too
# want "apt-lists-not-cleaned"
RUN apt-get update && apt-get upgrade -y
# add-apt-repository runs apt-get update itself
# want "apt-lists-not-cleaned"
RUN add-apt-repository -y ppa:deadsnakes/ppa && apt-get install -y --no-install-recommends python3.12
# removing only a subfolder is not cleaning up
# want "apt-lists-not-cleaned"
RUN apt-get update && apt-get install -y --no-install-recommends jq && rm -rf /var/lib/apt/lists/partial
# a cache mount elsewhere does not hold the lists
# want "apt-lists-not-cleaned"
RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y --no-install-recommends make
# inside sh -c and an if
# want "apt-lists-not-cleaned"
RUN if [ -n "$X" ]; then sh -c 'apt-get update && apt install -y --no-install-recommends wget'; fi
# want "apt-lists-not-cleaned"
RUN <<EOF
set -e
apt-get update
apt-get install -y --no-install-recommends ca-certificates
EOF
