FROM debian:bookworm-slim
RUN apt-get install -y --no-install-recommends curl
RUN apt-get install --yes --no-install-recommends git
RUN apt-get install --assume-yes --no-install-recommends jq
RUN apt-get -qq install --no-install-recommends make
RUN apt-get -q -q install --no-install-recommends wget
RUN apt-get --quiet=2 install --no-install-recommends less
RUN apt-get -yq install --no-install-recommends vim
RUN apt-get -o APT::Get::Assume-Yes=true install --no-install-recommends tree
RUN yes | apt-get install --no-install-recommends htop
# no prompt
RUN apt-get update && apt-get clean && apt-get source hello && apt-cache policy curl
