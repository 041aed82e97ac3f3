FROM debian:bookworm-slim
# want "apt-no-install-recommends"
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
# want "apt-no-install-recommends"
RUN DEBIAN_FRONTEND=noninteractive apt-get -qq -o Dpkg::Options::=--force-confold install git
# apt counts too, and so does an install in sh -c
# want "apt-no-install-recommends" "use-apt-get"
RUN sh -c "apt install -y jq"
# want "apt-no-install-recommends"
RUN ["apt-get", "install", "-y", "make"]
# want "apt-no-install-recommends"
RUN apt-get install -y -o APT::Install-Recommends=true wget
