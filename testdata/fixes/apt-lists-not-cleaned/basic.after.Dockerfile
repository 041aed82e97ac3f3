FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
# the cleanup goes right after the last apt command, before the build
RUN apt-get update && apt-get install -y --no-install-recommends build-essential && rm -rf /var/lib/apt/lists/* && make -C /src && make -C /src install
# an || after the install keeps its meaning
RUN apt-get update && apt-get install -y --no-install-recommends jq && rm -rf /var/lib/apt/lists/* || echo "jq is optional"
# a loop runs apt-get several times: the cleanup goes after the loop, not inside it
RUN apt-get update && for p in git wget; do apt-get install -y --no-install-recommends "$p"; done && rm -rf /var/lib/apt/lists/*; echo done
# a one-line RUN that would grow past 80 columns gets a continuation line
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates openssl \
    && rm -rf /var/lib/apt/lists/*
