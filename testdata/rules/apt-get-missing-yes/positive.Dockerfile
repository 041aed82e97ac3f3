FROM debian:bookworm AS build
# every stage: a prompt fails any build
# want "apt-get-missing-yes"
RUN apt-get update && apt-get install --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*

FROM debian:bookworm-slim
# want "apt-get-missing-yes"
RUN DEBIAN_FRONTEND=noninteractive apt-get install --no-install-recommends curl
# -q once is not -qq
# want "apt-get-missing-yes"
RUN apt-get -q install --no-install-recommends git
# want "apt-get-missing-yes"
RUN apt-get purge vim
# want "apt-get-missing-yes" "use-apt-get"
RUN apt upgrade
# want "apt-get-missing-yes"
RUN ["apt-get", "autoremove"]
